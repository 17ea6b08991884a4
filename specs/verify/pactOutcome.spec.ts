import type { ContractInteraction } from "../../src/verify/pact/contracts";
import { pactResults } from "../../src/verify/pact/outcome";
import type { PactRunOutcome, TaggedExchange } from "../../src/verify/pact/protocol";
import { descriptionFilter } from "../../src/verify/pact/runPact";
import { requestTag } from "../../src/verify/pact/requestTag";

const e4: ContractInteraction = {
  description: 'E4 industryData.run.update: status "paused", outside the enum, is answered 400',
  operationId: "industryData.run.update",
  ruleId: "E4",
  what: 'status "paused", outside the enum, is answered 400',
  method: "PATCH",
  path: "/process/runs/run-1",
  providerStates: [{ name: "an industryData run exists", params: { id: "run-1" } }],
  tag: requestTag("PATCH", "/process/runs/run-1", true, { status: "paused" }),
};
const e1: ContractInteraction = {
  ...e4,
  description: "E1 industryData.run.update: no Authorization is answered 401",
  ruleId: "E1",
  what: "no Authorization is answered 401",
  path: "/process/runs/run-2",
  providerStates: [],
  tag: requestTag("PATCH", "/process/runs/run-2", false, { displayName: "x" }),
};
const p1: ContractInteraction = { ...e4, description: "P1 industryData.run.update: a full body", ruleId: "P1", what: "a full body", path: "/process/runs/run-3", tag: requestTag("PATCH", "/process/runs/run-3", true, {}) };

function exchange(path: string, status: number, tag = ""): TaggedExchange {
  return { tag, exchange: { request: { method: "PATCH", url: `http://127.0.0.1:1${path}`, headers: {} }, response: { status, headers: {}, body: "{}", durationMs: 3 } } };
}

const report = {
  errors: [
    {
      interaction: `Verifying a pact between graph-run-client and graph-beta-industryData Given an industryData run exists - ${e4.description}`,
      mismatch: { interactionId: "", mismatches: [{ actual: "200", expected: "400", mismatch: "expected 400 but was \u001b[1m200\u001b[0m", type: "StatusMismatch" }], type: "mismatches" },
    },
  ],
  interactionResults: [
    { description: e4.description, duration: "74ms", result: "Error" },
    { description: e1.description, duration: "1.5s", result: "OK" },
  ],
  notices: [],
  output: [],
  pendingErrors: [],
  result: false,
};

function run(overrides: Partial<PactRunOutcome> = {}): PactRunOutcome {
  return { file: "contracts/x.json", provider: "graph-beta-industryData", report: JSON.stringify(report), exchanges: [exchange("/process/runs/run-1", 200, e4.tag), exchange("/process/runs/run-2", 401, e1.tag)], stateExchanges: [], stateProblems: [], ...overrides };
}

describe("pactResults", () => {
  it("gives one result per interaction: rule, operation, status, the mismatch as message, the exchange", () => {
    const [failed, passed, notRun] = pactResults(run(), [e4, e1, p1]);
    expect(failed).toMatchObject({
      source: "pact",
      operationId: "industryData.run.update",
      ruleId: "E4",
      name: e4.what,
      status: "failed",
      message: "expected 400 but was 200",
      expected: "400",
      actual: "200",
      durationMs: 74,
    });
    expect(failed.exchanges[0].response?.status).toBe(200);
    expect(failed).toMatchObject({ id: `pact/${e4.description}`, failures: [{ checkId: "pact_verification", message: "expected 400 but was 200" }] });
    expect(passed.id).toBe(`pact/${e1.description}`);
    expect(passed).toMatchObject({ ruleId: "E1", status: "passed", durationMs: 1500 });
    expect(passed.message).toBeUndefined();
    expect(notRun).toMatchObject({ ruleId: "P1", status: "skipped", message: "the Pact verifier did not report this interaction" });
  });

  it("names a provider state that could not be set up", () => {
    const [failed] = pactResults(run({ stateProblems: [{ state: "an industryData run exists", id: "run-1", action: "setup", problem: "answered 500" }] }), [e4]);
    expect(failed.message).toBe('provider state "an industryData run exists" could not be set up (answered 500); expected 400 but was 200');
  });

  it("ties each exchange to its interaction by the request's tag, whatever order the core ran them in", () => {
    const [failed, passed] = pactResults(run({ exchanges: [exchange("/process/runs/run-2", 401, e1.tag), exchange("/process/runs/run-1", 200, e4.tag)] }), [e4, e1]);
    expect(failed.exchanges.map((each) => each.response?.status)).toEqual([200]);
    expect(passed.exchanges.map((each) => each.response?.status)).toEqual([401]);
  });

  it("leaves out an exchange whose tag is not the interaction's", () => {
    const [failed] = pactResults(run({ exchanges: [exchange("/process/runs/run-1", 200, requestTag("PATCH", "/process/runs/run-1", true, { status: "running" }))] }), [e4]);
    expect(failed.exchanges).toEqual([]);
  });

  it("for a broker's pacts (no tags), takes the exchange at the interaction's place when its method and operation agree", () => {
    const untagged = { ...e4, tag: undefined };
    expect(pactResults(run(), [untagged])[0].exchanges.map((each) => each.request.url)).toEqual(["http://127.0.0.1:1/process/runs/run-1"]);
    const post = { tag: "", exchange: { ...exchange("/x", 200).exchange, request: { method: "POST", url: "http://127.0.0.1:1/x", headers: {} } } };
    expect(pactResults(run({ exchanges: [post] }), [untagged])[0].exchanges).toEqual([]);
  });

  it("throws when the pact could not be loaded, rather than skipping every interaction", () => {
    const unloadable = { errors: [{ interaction: "Failed to load pact", mismatch: { message: "\u001b[31mcontracts/x.json is not a pact\u001b[0m", type: "error" } }], interactionResults: [], result: false };
    expect(() => pactResults(run({ report: JSON.stringify(unloadable), exchanges: [] }), [e4, e1])).toThrow("could not verify contracts/x.json: Failed to load pact: contracts/x.json is not a pact");
  });

  it("throws when the verifier could not run at all", () => {
    expect(() => pactResults(run({ report: undefined, error: "Verification was unable to run" }), [e4])).toThrow(/could not verify contracts\/x.json: Verification was unable to run/);
  });
});

describe("descriptionFilter", () => {
  it("matches exactly the given descriptions, special characters escaped", () => {
    const filter = new RegExp(descriptionFilter([e4.description, "P2 a (one-member) body: 1.5 + $x"]));
    expect(filter.test(e4.description)).toBe(true);
    expect(filter.test("P2 a (one-member) body: 1.5 + $x")).toBe(true);
    expect(filter.test(`${e4.description} and more`)).toBe(false);
    expect(filter.test("P2 a one-member body: 1x5 + $x")).toBe(false);
  });
});
