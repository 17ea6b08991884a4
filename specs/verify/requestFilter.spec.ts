import { withFixtureIds } from "../../src/verify/pact/fixtureContracts";
import { rewriteUrl } from "../../src/verify/pact/requestFilter";
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
