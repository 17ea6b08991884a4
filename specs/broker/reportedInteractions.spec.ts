import { brokerPactResults, reportedInteractions } from "../../src/broker/reportedInteractions";
import { UsageError } from "../../src/exitCodes";
import type { PactRunOutcome } from "../../src/verify/pact/protocol";

const P1 = "P1 industryData.run.update: a full valid body is answered 200 with every member echoed";
const E4 = "E4 industryData.runGroup.create: a status outside the enum is answered 400";

function run(report: object): PactRunOutcome {
  return { file: "http://broker (graph-beta-industryData)", provider: "graph-beta-industryData", report: JSON.stringify(report), exchanges: [], stateExchanges: [], stateProblems: [] };
}

const everything = () => true;

describe("reportedInteractions", () => {
  it("names each reported interaction from its labelled description", () => {
    const interactions = reportedInteractions({ interactionResults: [{ description: P1 }, { description: E4 }] }, "the broker");
    expect(interactions.map(({ operationId, ruleId, method, path }) => ({ operationId, ruleId, method, path }))).toEqual([
      { operationId: "industryData.run.update", ruleId: "P1", method: "PATCH", path: "/process/runs/{id}" },
      { operationId: "industryData.runGroup.create", ruleId: "E4", method: "POST", path: "/industryData/runGroups" },
    ]);
  });

  it("refuses an interaction whose description names no rule and operation (exit 2)", () => {
    expect(() => reportedInteractions({ interactionResults: [{ description: "a request for runs" }] }, "the broker")).toThrow(UsageError);
  });
});

describe("brokerPactResults", () => {
  it("passes and fails interactions as the core reported them", () => {
    const results = brokerPactResults(
      run({
        interactionResults: [
          { description: P1, result: "OK", duration: "5ms" },
          { description: E4, result: "Error", duration: "7ms" },
        ],
        errors: [{ interaction: `Verifying a pact between a and b - ${E4}`, mismatch: { type: "mismatches", mismatches: [{ mismatch: "expected 400 but was 201", type: "StatusMismatch" }] } }],
      }),
      everything,
    );
    expect(results.map((result) => [result.ruleId, result.status, result.message])).toEqual([
      ["P1", "passed", undefined],
      ["E4", "failed", "expected 400 but was 201"],
    ]);
  });

  it("shows a failure in a pending pact as skipped, with what failed", () => {
    const results = brokerPactResults(
      run({
        interactionResults: [{ description: P1, result: "Error", duration: "5ms" }],
        errors: [],
        pendingErrors: [{ interaction: `Verifying a pact between a and b Given x - ${P1}`, mismatch: { type: "mismatches", mismatches: [{ mismatch: "expected 200 but was 404" }] } }],
      }),
      everything,
    );
    expect(results).toHaveLength(1);
    expect(results[0].status).toBe("skipped");
    expect(results[0].message).toMatch(/^pending pact, not counted as a failure \(--enable-pending\): expected 200 but was 404$/);
  });

  it("keeps only what --only/--skip select", () => {
    const results = brokerPactResults(
      run({ interactionResults: [{ description: P1, result: "OK" }, { description: E4, result: "OK" }] }),
      (interaction) => interaction.ruleId === "E4",
    );
    expect(results.map((result) => result.ruleId)).toEqual(["E4"]);
  });

  it("ends the run (exit 2) when the pacts could not be loaded from the broker", () => {
    const outcome = run({
      interactionResults: [],
      errors: [{ interaction: "Failed to load pact", mismatch: { type: "error", message: "No pacts found for provider 'graph-beta-industryData': IO Error - Request to pact broker path '' failed: 401 Unauthorized." } }],
    });
    expect(() => brokerPactResults(outcome, everything)).toThrow(UsageError);
    expect(() => brokerPactResults(outcome, everything)).toThrow(/rejected the credentials \(401 Unauthorized\) while trying to fetch http:\/\/broker \(graph-beta-industryData\)/);
  });

  it("fails with the verifier's reason when there is no report (the broker could not be used)", () => {
    const outcome: PactRunOutcome = { file: "http://broker", provider: "graph-beta-industryData", error: "Request to pact broker path '' failed: 401 Unauthorized", exchanges: [], stateExchanges: [], stateProblems: [] };
    expect(() => brokerPactResults(outcome, everything)).toThrow(/401 Unauthorized/);
  });
});
