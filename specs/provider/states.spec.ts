import { resourceTypes, type ResourceTypeKey } from "../../src/catalog";
import { PROVIDER_STATES_PATH } from "../../src/provider";
import { sampleEntity } from "../../src/provider/samples";
import { schemaRegistry } from "../../src/catalog";
import { TOKEN, current, expectGraphError, expectJsonContentType, freshId, patch, patchOperations, providerUnderTest, updateOf, validBodies, type ProviderUnderTest } from "./support";

describe("reference provider: provider states (rules.md §5)", () => {
  let provider: ProviderUnderTest;
  beforeAll(async () => {
    // Token mode with the token the shared helpers send, so they work unchanged.
    provider = await providerUnderTest({ prefix: "/beta", token: TOKEN });
  });
  afterAll(() => provider.close());

  const changeState = (body: unknown) => provider.http.post(`/beta${PROVIDER_STATES_PATH}`).set("Content-Type", "application/json").send(JSON.stringify(body));

  it.each(Object.keys(resourceTypes()) as ResourceTypeKey[])("the sample entity of %s is valid against its type's schema", (type) => {
    expect(schemaRegistry().validate(resourceTypes()[type].entitySchema, sampleEntity(type, "id-1")).violations).toEqual([]);
  });

  describe.each(patchOperations.map((operation) => [resourceTypes()[operation.type].providerState, operation] as const))("state %j", (state, operation) => {
    it("setup answers 200 {id} without Authorization and holds a valid entity of that type with that id", async () => {
      const id = freshId("state");
      const response = await changeState({ state, params: { id }, action: "setup" });
      expect(response.status).toBe(200);
      expectJsonContentType(response);
      expect(response.body).toEqual({ id });

      const entity = await patch(provider, operation, id, {});
      expect(entity.status).toBe(200);
      expect(entity.body.id).toBe(id);
      expect(schemaRegistry().validate(operation.responseSchema, entity.body).violations).toEqual([]);
    });

    it("setup is idempotent: a second setup answers 200 and resets the entity to its sample", async () => {
      const id = freshId("state");
      await changeState({ state, params: { id }, action: "setup" });
      const sample = await current(provider, operation, id);
      await patch(provider, operation, id, validBodies[operation.type]);
      expect((await changeState({ state, params: { id }, action: "setup" })).status).toBe(200);
      expect(await current(provider, operation, id)).toEqual(sample);
    });

    it("teardown removes the entity; a second teardown still answers 200", async () => {
      const id = freshId("state");
      await changeState({ state, params: { id }, action: "setup" });
      expect((await changeState({ state, params: { id }, action: "teardown" })).status).toBe(200);
      const gone = await patch(provider, operation, id, {});
      expectGraphError(gone, 404, "resourceNotFound");
      expect((await changeState({ state, params: { id }, action: "teardown" })).status).toBe(200);
    });

    it("setup without params generates an id and returns it", async () => {
      const response = await changeState({ state });
      expect(response.status).toBe(200);
      expect(response.body.id).toEqual(expect.any(String));
      expect((await patch(provider, operation, response.body.id, {})).status).toBe(200);
    });
  });

  it("setup of one type does not create an entity of another", async () => {
    const id = freshId("state");
    await changeState({ state: resourceTypes()["industryData.run"].providerState, params: { id } });
    expectGraphError(await patch(provider, updateOf("industryData.runGroup"), id, {}), 404, "resourceNotFound");
  });

  it("an unknown state: 400 in the Graph error shape, naming the known states", async () => {
    const response = await changeState({ state: "a unicorn exists", params: { id: "x" }, action: "setup" });
    expectGraphError(response, 400, "unknownProviderState");
    expect(response.body.error.message).toContain("an industryData run exists");
  });

  it.each(["setup", "teardown"])("the empty state a Pact verifier sends for a stateless interaction (%s): 200, nothing changed", async (action) => {
    const id = freshId("stateless");
    const response = await changeState({ state: "", params: { id }, action });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({});
    expectGraphError(await patch(provider, updateOf("industryData.run"), id, {}), 404, "resourceNotFound");
  });

  it.each(["setup", "teardown"])("the empty state with the empty params Pact sends (%s) leaves an entity set up before as it was", async (action) => {
    const operation = updateOf("industryData.run");
    const id = freshId("kept");
    expect((await changeState({ state: "an industryData run exists", params: { id }, action: "setup" })).status).toBe(200);
    const before = (await patch(provider, operation, id, {})).body;
    const response = await changeState({ state: "", params: {}, action });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({});
    expect((await patch(provider, operation, id, {})).body).toEqual(before);
  });

  it.each([
    ["a body that is not an object", []],
    ["no state", { params: { id: "x" } }],
    ["an unknown action", { state: "an industryData run exists", action: "reset" }],
    ["params that are not an object", { state: "an industryData run exists", params: "x" }],
    ["an empty id", { state: "an industryData run exists", params: { id: "" } }],
    ["an id that is not a string", { state: "an industryData run exists", params: { id: 7 } }],
  ])("%s: 400 invalidProviderStateRequest", async (_label, body) => {
    expectGraphError(await changeState(body), 400, "invalidProviderStateRequest");
  });

  it("malformed JSON to the state endpoint: 400 malformedJson", async () => {
    const response = await provider.http.post(`/beta${PROVIDER_STATES_PATH}`).set("Content-Type", "application/json").send("{");
    expectGraphError(response, 400, "malformedJson");
  });
});
