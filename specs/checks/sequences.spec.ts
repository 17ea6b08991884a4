import { createdEntityPatchable, createdIdsDistinct, partialUpdatePreservesMembers, rejectedWriteNotApplied, unknownIdNotCreated } from "../../src/checks/sequences";
import type { CaseStep } from "../../src/checks/types";
import { answer, context, outcome, patchStep, postStep, runEntity, runGroupEntity, testCase } from "./fixtures";

const graphError = { error: { code: "badRequest", message: "bad" } };

describe("partial_update_preserves_members", () => {
  const p2 = testCase([patchStep({ displayName: "A", status: "failed" }), patchStep({ startDateTime: "2026-02-01T00:00:00Z" })], { ruleId: "P2" });

  it("passes when the second answer still shows the first PATCH's members", () => {
    const first = answer(200, { ...runEntity, displayName: "A", status: "failed" });
    const second = answer(200, { ...runEntity, displayName: "A", status: "failed", startDateTime: "2026-02-01T00:00:00Z" });
    expect(partialUpdatePreservesMembers.run(context, p2, [outcome(first), outcome(second)])).toEqual([]);
  });

  it("fails when the second PATCH reset a member it did not send", () => {
    const first = answer(200, { ...runEntity, displayName: "A", status: "failed" });
    const second = answer(200, { id: "run-1", startDateTime: "2026-02-01T00:00:00Z", status: "failed" });
    expect(partialUpdatePreservesMembers.run(context, p2, [outcome(first), outcome(second)])).toEqual([
      expect.objectContaining({ checkId: "partial_update_preserves_members", ruleId: "P2", step: 1, expected: "A", actual: null }),
    ]);
  });
});

describe("created_entity_patchable", () => {
  const patchCreated: CaseStep = { ...patchStep({ displayName: "B" }, [200], "industryData.runGroup.update"), target: { kind: "created", step: 0 } };
  const p3 = testCase([postStep({ displayName: "A", startDateTime: "2026-01-05T08:00:00Z", status: "running", statistics: {} }), patchCreated], { ruleId: "P3" });
  const created = answer(201, runGroupEntity);

  it("passes when the created entity is PATCHed and keeps what the POST gave it", () => {
    expect(createdEntityPatchable.run(context, p3, [outcome(created), outcome(answer(200, { ...runGroupEntity, displayName: "B" }), "group-1")])).toEqual([]);
  });

  it("fails when the created entity cannot be PATCHed", () => {
    expect(createdEntityPatchable.run(context, p3, [outcome(created), outcome(answer(404, graphError), "group-1")])).toEqual([
      expect.objectContaining({ expected: 200, actual: 404 }),
    ]);
  });

  it("fails when the PATCH answer lost a member the POST set", () => {
    const failures = createdEntityPatchable.run(context, p3, [outcome(created), outcome(answer(200, { ...runGroupEntity, displayName: "B", status: "failed" }), "group-1")]);
    expect(failures).toEqual([expect.objectContaining({ expected: "running", actual: "failed" })]);
  });
});

describe("created_ids_distinct", () => {
  const p4 = testCase([postStep({}), postStep({})], { ruleId: "P4" });

  it("passes two different ids and fails the same id twice", () => {
    expect(createdIdsDistinct.run(context, p4, [outcome(answer(201, { id: "a" })), outcome(answer(201, { id: "b" }))])).toEqual([]);
    expect(createdIdsDistinct.run(context, p4, [outcome(answer(201, { id: "a" })), outcome(answer(201, { id: "a" }))])).toEqual([
      expect.objectContaining({ checkId: "created_ids_distinct", step: 1, actual: "a" }),
    ]);
  });
});

describe("unknown_id_not_created", () => {
  const unknown: CaseStep = { ...patchStep({ displayName: "A" }, [404]), target: { kind: "unknown", id: "nope" } };
  const e9 = testCase([unknown, unknown], { ruleId: "E9" });

  it("passes when the id stays unknown and fails when the first PATCH created it", () => {
    expect(unknownIdNotCreated.run(context, e9, [outcome(answer(404, graphError)), outcome(answer(404, graphError))])).toEqual([]);
    expect(unknownIdNotCreated.run(context, e9, [outcome(answer(200, runEntity)), outcome(answer(200, runEntity))])).toEqual([
      expect.objectContaining({ ruleId: "E9", step: 1, actual: 200 }),
    ]);
  });
});

describe("rejected_write_not_applied", () => {
  const e12 = testCase([patchStep({ displayName: "before" }), patchStep({ displayName: "after", status: "paused" }, [400]), patchStep({ status: "failed" })], {
    ruleId: "E12",
    rejectedWrite: { member: "displayName", baselineStep: 0, rejectedStep: 1, probeStep: 2 },
  });

  it("passes when the probe still shows the baseline value", () => {
    const outcomes = [answer(200, { ...runEntity, displayName: "before" }), answer(400, graphError), answer(200, { ...runEntity, displayName: "before", status: "failed" })].map((exchange) => outcome(exchange));
    expect(rejectedWriteNotApplied.run(context, e12, outcomes)).toEqual([]);
  });

  it("fails when the valid member of the rejected body was applied", () => {
    const outcomes = [answer(200, { ...runEntity, displayName: "before" }), answer(400, graphError), answer(200, { ...runEntity, displayName: "after", status: "failed" })].map((exchange) => outcome(exchange));
    expect(rejectedWriteNotApplied.run(context, e12, outcomes)).toEqual([expect.objectContaining({ ruleId: "E12", step: 2, expected: "before", actual: "after" })]);
  });

  it("names a value the rejected write reset to null as null, and a member it removed as missing", () => {
    const nulled = [answer(200, { ...runEntity, displayName: "before" }), answer(400, graphError), answer(200, { ...runEntity, displayName: null, status: "failed" })].map((exchange) => outcome(exchange));
    expect(rejectedWriteNotApplied.run(context, e12, nulled)[0].message).toMatch(/\$\.displayName is null instead of "before"/);
    const { displayName: _dropped, ...withoutName } = runEntity as Record<string, unknown>;
    const removed = [answer(200, { ...runEntity, displayName: "before" }), answer(400, graphError), answer(200, { ...withoutName, status: "failed" })].map((exchange) => outcome(exchange));
    expect(rejectedWriteNotApplied.run(context, e12, removed)[0].message).toMatch(/\$\.displayName is \(missing\) instead of "before"/);
  });

  it("says nothing when the faulty write was accepted (status_code_conformance reports that)", () => {
    const outcomes = [answer(200, runEntity), answer(200, runEntity), answer(200, { ...runEntity, displayName: "after" })].map((exchange) => outcome(exchange));
    expect(rejectedWriteNotApplied.run(context, e12, outcomes)).toEqual([]);
  });
});
