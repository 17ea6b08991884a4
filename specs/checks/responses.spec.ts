import {
  createdEntityId,
  entityIdMatchesPath,
  errorResponseShape,
  jsonContentType,
  notAServerError,
  odataTypePresence,
  responseReceived,
  responseSchemaConformance,
  sentMembersEchoed,
  statusCodeConformance,
} from "../../src/checks/responses";
import { answer, context, outcome, patchStep, postStep, runEntity, runGroupEntity, testCase } from "./fixtures";

const graphError = { error: { code: "badRequest", message: "status is not a runStatus" } };

describe("response_received", () => {
  it("passes a complete response and fails a transport error or a cut body", () => {
    const steps = [patchStep({ displayName: "a" })];
    expect(responseReceived.run(context, testCase(steps), [outcome(answer(200, runEntity))])).toEqual([]);
    const timedOut = { request: answer(200, {}).request, error: "no complete response within 10 ms" };
    const [failure] = responseReceived.run(context, testCase(steps), [outcome(timedOut)]);
    expect(failure).toMatchObject({ checkId: "response_received", ruleId: "P1", operationId: "industryData.run.update", step: 0 });
    expect(failure.message).toContain("no complete response within 10 ms");
  });
});

describe("not_a_server_error", () => {
  it("passes a 400 and fails a 500, under the case's rule", () => {
    const steps = [patchStep({ status: "paused" }, [400])];
    const e4 = testCase(steps, { ruleId: "E4" });
    expect(notAServerError.run(context, e4, [outcome(answer(400, graphError))])).toEqual([]);
    const failures = notAServerError.run(context, e4, [outcome(answer(500, graphError))]);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ ruleId: "E4", expected: "a status below 500", actual: { status: 500 } });
  });
});

describe("status_code_conformance", () => {
  it("passes any of the expected statuses and fails another", () => {
    const e3 = testCase([patchStep({}, [400, 415])], { ruleId: "E3" });
    expect(statusCodeConformance.run(context, e3, [outcome(answer(415, graphError))])).toEqual([]);
    const failures = statusCodeConformance.run(context, e3, [outcome(answer(200, runEntity))]);
    expect(failures).toEqual([expect.objectContaining({ ruleId: "E3", expected: "400 or 415", message: "the PATCH: expected 400 or 415, got 200" })]);
  });

  it("leaves a 5xx to not_a_server_error", () => {
    expect(statusCodeConformance.run(context, testCase([patchStep({})]), [outcome(answer(503, graphError))])).toEqual([]);
  });
});

describe("error_response_shape", () => {
  const e4 = testCase([patchStep({ status: "paused" }, [400])], { ruleId: "E4" });

  it("passes a Graph error sent as JSON", () => {
    expect(errorResponseShape.run(context, e4, [outcome(answer(400, graphError))])).toEqual([]);
  });

  it("fails a 4xx without the JSON Content-Type, and one whose body is not a Graph error", () => {
    expect(errorResponseShape.run(context, e4, [outcome(answer(400, graphError, "text/plain"))])).toEqual([
      expect.objectContaining({ expected: "application/json", actual: "text/plain" }),
    ]);
    const [shape] = errorResponseShape.run(context, e4, [outcome(answer(400, { error: { code: "", message: "m" } }))]);
    expect(shape.message).toContain("$.error.code");
    const [notJson] = errorResponseShape.run(context, e4, [outcome(answer(400, "<h1>Bad</h1>"))]);
    expect(notJson.message).toContain("not JSON");
  });
});

describe("json_content_type", () => {
  it("accepts parameters such as charset and fails another media type", () => {
    const p1 = testCase([patchStep({ displayName: "a" })]);
    expect(jsonContentType.run(context, p1, [outcome(answer(200, runEntity, "application/json;odata.metadata=minimal"))])).toEqual([]);
    expect(jsonContentType.run(context, p1, [outcome(answer(200, runEntity, "text/json"))])).toHaveLength(1);
  });
});

describe("response_schema_conformance", () => {
  const p1 = testCase([patchStep({ displayName: "a" })]);

  it("passes an entity of the response schema", () => {
    expect(responseSchemaConformance.run(context, p1, [outcome(answer(200, runEntity))])).toEqual([]);
  });

  it("fails a body off the schema, naming the member", () => {
    const [failure] = responseSchemaConformance.run(context, p1, [outcome(answer(200, { ...runEntity, status: "paused", endDateTime: "soon" }))]);
    expect(failure.message).toContain("$.status");
    expect(failure.message).toContain("$.endDateTime");
  });

  it("fails a success body that is not JSON", () => {
    expect(responseSchemaConformance.run(context, p1, [outcome(answer(200, "ok"))])[0].message).toContain("not JSON");
  });
});

describe("odata_type_presence", () => {
  it("demands the canonical @odata.type of a derived type and lets a base type leave it out", () => {
    const group = testCase([patchStep({ displayName: "a" }, [200], "industryData.runGroup.update")]);
    expect(odataTypePresence.run(context, group, [outcome(answer(200, runGroupEntity))])).toEqual([]);
    const withoutType: Record<string, unknown> = { ...runGroupEntity };
    delete withoutType["@odata.type"];
    expect(odataTypePresence.run(context, group, [outcome(answer(200, withoutType))])).toEqual([
      expect.objectContaining({ expected: "#microsoft.graph.industryData.runGroup", actual: null }),
    ]);
    const run = testCase([patchStep({ displayName: "a" })]);
    expect(odataTypePresence.run(context, run, [outcome(answer(200, runEntity))])).toEqual([]);
  });
});

describe("entity_id_matches_path", () => {
  it("passes the path id and fails another", () => {
    const p1 = testCase([patchStep({ displayName: "a" })]);
    expect(entityIdMatchesPath.run(context, p1, [outcome(answer(200, runEntity), "run-1")])).toEqual([]);
    expect(entityIdMatchesPath.run(context, p1, [outcome(answer(200, runEntity), "run-2")])).toEqual([expect.objectContaining({ expected: "run-2", actual: "run-1" })]);
  });
});

describe("created_entity_id", () => {
  it("passes a non-empty id and fails an empty or missing one", () => {
    const p3 = testCase([postStep({ displayName: "a" })], { ruleId: "P3" });
    expect(createdEntityId.run(context, p3, [outcome(answer(201, runGroupEntity))])).toEqual([]);
    expect(createdEntityId.run(context, p3, [outcome(answer(201, { ...runGroupEntity, id: "" }))])).toHaveLength(1);
    const withoutId: Record<string, unknown> = { ...runGroupEntity };
    delete withoutId.id;
    expect(createdEntityId.run(context, p3, [outcome(answer(201, withoutId))])).toHaveLength(1);
  });
});

describe("sent_members_echoed", () => {
  it("passes an echo with the same instant and fails a changed member", () => {
    const p7 = testCase([patchStep({ startDateTime: "2026-01-05T10:00:00+02:00", displayName: "Zürich ✓ 東京" })], { ruleId: "P7" });
    expect(sentMembersEchoed.run(context, p7, [outcome(answer(200, { ...runEntity, startDateTime: "2026-01-05T08:00:00Z", displayName: "Zürich ✓ 東京" }))])).toEqual([]);
    const failures = sentMembersEchoed.run(context, p7, [outcome(answer(200, { ...runEntity, startDateTime: "2026-01-05T10:00:00Z", displayName: "Zürich ✓ 東京" }))]);
    expect(failures).toEqual([expect.objectContaining({ ruleId: "P7", expected: "2026-01-05T10:00:00+02:00", actual: "2026-01-05T10:00:00Z" })]);
  });

  it("does not judge a step that expects an error", () => {
    const e4 = testCase([patchStep({ status: "paused" }, [400])], { ruleId: "E4" });
    expect(sentMembersEchoed.run(context, e4, [outcome(answer(200, runEntity))])).toEqual([]);
  });
});
