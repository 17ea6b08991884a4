import { withFixtureIds } from "../../src/verify/pact/fixtureContracts";
import type { HttpClient, OutgoingRequest } from "../../src/http/client";
import { requestTag } from "../../src/verify/pact/requestTag";
import { rewriteUrl, startVerifierFront, type FrontState, type StateChange } from "../../src/verify/pact/verifierFront";
import type { Target } from "../../src/verify/target";

const target: Target = { baseUrl: "https://graph.example/beta", stateUrl: "https://graph.example/beta/_pact/provider-states", embedded: false, pathOverrides: {} };

describe("rewriteUrl", () => {
  it("leaves a contract path alone when nothing is overridden", () => {
    expect(rewriteUrl("/process/runs/run-1", "PATCH", target)).toBe("/process/runs/run-1");
  });

  it("applies --path overrides, to the POST and to a PATCH, and keeps the query", () => {
    const overridden = { ...target, pathOverrides: { "industryData.runGroup.update": "/groups/{id}/", "industryData.runGroup.create": "/groups" } };
    expect(rewriteUrl("/industryData/runGroups/g-1?x=1", "PATCH", overridden)).toBe("/groups/g-1/?x=1");
    expect(rewriteUrl("/industryData/runGroups", "POST", overridden)).toBe("/groups");
  });

  it("leaves a path of no operation alone", () => {
    expect(rewriteUrl("/somewhere/else", "PATCH", target)).toBe("/somewhere/else");
  });
});

describe("withFixtureIds", () => {
  const interaction = {
    description: "P1 industryData.run.update: a full valid body",
    providerStates: [{ name: "an industryData run exists", params: { id: "c0ffee" } }],
    request: { method: "PATCH", path: "/process/runs/c0ffee", body: { content: { displayName: "c0ffee" } } },
    response: { status: 200, body: { content: { id: "c0ffee", displayName: "c0ffee" } }, matchingRules: { body: { "$.id": { matchers: [{ match: "equality" }] } } } },
  };

  it("replaces the id a provider state names, in the path, the expected answer and the state's params", () => {
    const rewritten = withFixtureIds(interaction, { "industryData.run": "existing run/7" });
    expect(rewritten.request?.path).toBe("/process/runs/existing%20run%2F7");
    expect(rewritten.response?.body).toEqual({ content: { id: "existing run/7", displayName: "existing run/7" } });
    expect(rewritten.providerStates).toEqual([{ name: "an industryData run exists", params: { id: "existing run/7" } }]);
    expect(rewritten.response?.matchingRules).toEqual(interaction.response.matchingRules);
  });

  it("leaves an interaction alone without a fixture for its state's type, or without a state (E9)", () => {
    expect(withFixtureIds(interaction, { "identityGovernance.run": "x" })).toBe(interaction);
    const unknown = { ...interaction, providerStates: [] };
    expect(withFixtureIds(unknown, { "industryData.run": "x" })).toBe(unknown);
  });
});

describe("the verifier front", () => {
  const sent: OutgoingRequest[] = [];
  const client: HttpClient = {
    send: async (request) => {
      sent.push(request);
      return { request: { method: request.method, url: request.url, headers: {} }, response: { status: 201, headers: { "content-type": "application/json", "x-kept": "yes" }, body: '{"id":"new"}', durationMs: 1 }, durationMs: 1 };
    },
  };
  const changes: StateChange[] = [];
  let state: FrontState;
  let front: Awaited<ReturnType<typeof startVerifierFront>>;

  beforeEach(async () => {
    sent.length = 0;
    changes.length = 0;
    state = { target, client, exchanges: [] };
    front = await startVerifierFront(state, async (change) => {
      changes.push(change);
    });
  });
  afterEach(() => front.close());

  it("sends a contract request on to the target, token swapped in, body byte for byte, and answers with what came back", async () => {
    const malformed = '{"displayName": "x",';
    const response = await fetch(`${front.baseUrl}/industryData/runGroups?x=1`, { method: "POST", headers: { authorization: "Bearer placeholder", "content-type": "application/json" }, body: malformed });
    expect(response.status).toBe(201);
    expect(response.headers.get("x-kept")).toBe("yes");
    expect(await response.text()).toBe('{"id":"new"}');
    expect(sent).toEqual([expect.objectContaining({ method: "POST", url: "https://graph.example/beta/industryData/runGroups?x=1", bearer: true, body: malformed })]);
    expect(sent[0].headers).not.toHaveProperty("authorization");
    expect(state.exchanges.map((exchange) => exchange.tag)).toEqual([requestTag("POST", "/industryData/runGroups", true, malformed)]);
  });

  it("tags a JSON body by its members, whatever their order, and a text body by its text", async () => {
    await fetch(`${front.baseUrl}/process/runs/r-1`, { method: "PATCH", headers: { "content-type": "application/json; charset=utf-8" }, body: '{"b":1,"a":2}' });
    await fetch(`${front.baseUrl}/process/runs/r-1`, { method: "PATCH", headers: { "content-type": "text/plain" }, body: '{"b":1}' });
    expect(state.exchanges.map((exchange) => exchange.tag)).toEqual([requestTag("PATCH", "/process/runs/r-1", false, { a: 2, b: 1 }), requestTag("PATCH", "/process/runs/r-1", false, '{"b":1}')]);
    expect(sent.map((request) => request.bearer)).toEqual([false, false]);
  });

  it("hands each state change to its handler and sends nothing on for it", async () => {
    const response = await fetch(front.stateChangeUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ state: "an industryData run exists", params: { id: "r-1" }, action: "teardown" }) });
    expect(response.status).toBe(200);
    await fetch(front.stateChangeUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ state: "", action: "setup" }) });
    expect(changes).toEqual([
      { state: "an industryData run exists", params: { id: "r-1" }, action: "teardown" },
      { state: "", params: {}, action: "setup" },
    ]);
    expect(sent).toEqual([]);
  });

  it("refuses a state change that is not one with a 400", async () => {
    for (const body of ["not json", JSON.stringify({ state: "s", action: "later" }), JSON.stringify(["s"])]) {
      const response = await fetch(front.stateChangeUrl, { method: "POST", body });
      expect(response.status).toBe(400);
    }
    expect(changes).toEqual([]);
  });

  it("answers 502 in the Graph error shape when the target did not answer", async () => {
    const silent: HttpClient = { send: async (request) => ({ request: { method: request.method, url: request.url, headers: {} }, error: "connect ECONNREFUSED", durationMs: 1 }) };
    const other = await startVerifierFront({ target, client: silent, exchanges: [] }, async () => undefined);
    try {
      const response = await fetch(`${other.baseUrl}/process/runs/r-1`, { method: "PATCH", body: "{}" });
      expect(response.status).toBe(502);
      expect(await response.json()).toEqual({ error: { code: "targetNotAnswered", message: "connect ECONNREFUSED" } });
    } finally {
      await other.close();
    }
  });
});
