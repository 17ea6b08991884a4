import { resourceTypes } from "../../src/catalog";
import { defaultBehaviour } from "../../src/provider";
import {
  AUTH,
  createRunGroup,
  current,
  enumMembers,
  expectGraphError,
  membersOfPrimitive,
  patch,
  patchOperations,
  pathOf,
  post,
  providerUnderTest,
  setUpEntity,
  updateOf,
  validBodies,
  validPost,
  type ProviderUnderTest,
} from "./support";

const industryDataOperations = patchOperations.filter((operation) => operation.type.startsWith("industryData"));
const identityGovernanceOperation = updateOf("identityGovernance.run");

describe("reference provider: bad input rules E1–E14", () => {
  let provider: ProviderUnderTest;
  beforeAll(async () => {
    provider = await providerUnderTest();
  });
  afterAll(() => provider.close());

  describe("E1: authentication comes before anything else", () => {
    it.each(patchOperations.map((operation) => [operation.id, operation] as const))("%s without Authorization: 401", async (_name, operation) => {
      const id = await setUpEntity(provider, operation);
      const before = await current(provider, operation, id);
      const response = await provider.http.patch(pathOf(provider, operation, id)).send(validBodies[operation.type]);
      expectGraphError(response, 401, "unauthenticated");
      expect(await current(provider, operation, id)).toEqual(before);
    });

    it.each([["Basic dXNlcjpwYXNz"], ["Bearer"], ["Bearer "], ["Bearer    "], ["token-without-scheme"]])("Authorization %j: 401", async (authorization) => {
      const response = await post(provider, createRunGroup, validPost).set("Authorization", authorization);
      expectGraphError(response, 401, "unauthenticated");
    });

    it("answers 401 even for a malformed body or an unknown route", async () => {
      const operation = patchOperations[0]!;
      const malformed = await provider.http.patch(pathOf(provider, operation, "x")).set("Content-Type", "application/json").send("{");
      expectGraphError(malformed, 401, "unauthenticated");
      expectGraphError(await provider.http.get("/no/such/route"), 401, "unauthenticated");
    });

    it("accepts any non-empty bearer token, the scheme in any case", async () => {
      const response = await post(provider, createRunGroup, validPost).set("Authorization", "bearer another-token");
      expect(response.status).toBe(201);
    });
  });

  describe.each(patchOperations.map((operation) => [operation.id, operation] as const))("%s", (_name, operation) => {
    let id: string;
    let before: Record<string, unknown>;
    beforeEach(async () => {
      id = await setUpEntity(provider, operation);
      before = await current(provider, operation, id);
    });
    afterEach(async () => {
      // Every bad request below must leave the entity as it was (E12).
      expect(await current(provider, operation, id)).toEqual(before);
    });

    it("E2: malformed JSON: 400", async () => {
      const response = await provider.http.patch(pathOf(provider, operation, id)).set(AUTH).set("Content-Type", "application/json").send('{"displayName": "x",');
      expectGraphError(response, 400, "malformedJson");
    });

    it.each([["text/plain"], ["text/plain; charset=utf-8"], ["application/x-www-form-urlencoded"], ["application/jsonx"]])(
      "E3: a body sent as %s: 415",
      async (contentType) => {
        const response = await provider.http.patch(pathOf(provider, operation, id)).set(AUTH).set("Content-Type", contentType).send("{}");
        expectGraphError(response, 415, "unsupportedMediaType");
      },
    );

    // RFC 8259 §11: JSON has no charset parameter, and adding one has no effect on compliant recipients.
    it.each([["application/json; charset=latin1"], ["Application/JSON ; charset=utf-8"]])("a body sent as %s is read as JSON", async (contentType) => {
      const response = await provider.http.patch(pathOf(provider, operation, id)).set(AUTH).set("Content-Type", contentType).send("{}");
      expect(response.status).toBe(200);
    });

    const enums = enumMembers(operation.type);
    it.each(enums.map(({ member }) => member))("E4: an enum value outside the members of %s: 400", async (member) => {
      const response = await patch(provider, operation, id, { [member]: "paused" });
      expectGraphError(response, 400, "invalidEnumValue");
      expect(response.body.error.target).toBe(`$.${member}`);
    });

    it("E6: Int32 out of range or not an integer: 400", async () => {
      const members = membersOfPrimitive(operation.type, "Int32");
      for (const member of members) {
        for (const value of [2147483648, -2147483649, 3.5]) {
          expectGraphError(await patch(provider, operation, id, { [member]: value }), 400, "invalidInt32");
        }
      }
    });

    it.each([["yesterday"], ["2026-13-45T99:00:00Z"], ["2026-03-01"], ["2026-03-01T10:00:00"]])("E7: invalid date-time %j: 400", async (value) => {
      for (const member of membersOfPrimitive(operation.type, "DateTimeOffset", "NullableDateTimeOffset")) {
        const response = await patch(provider, operation, id, { [member]: value });
        expectGraphError(response, 400, "invalidDateTime");
        expect(response.body.error.target).toBe(`$.${member}`);
      }
    });

    it.each([["notAMember"], ["id"], ["@odata.etag"]])("E8: member %j the type does not have (or may not be written): 400", async (member) => {
      const response = await patch(provider, operation, id, { [member]: "x" });
      expectGraphError(response, 400, "unknownMember");
    });

    it("E9: PATCH of an unknown id: 404, and nothing is created", async () => {
      const unknown = `${id}-missing`;
      const response = await patch(provider, operation, unknown, validBodies[operation.type]);
      expectGraphError(response, 404, "resourceNotFound");
      expectGraphError(await patch(provider, operation, unknown, {}), 404, "resourceNotFound");
    });

    it.each([
      ["another type", "#microsoft.graph.industryData.publicError"],
      ["a sibling type", operation.type === "industryData.runGroup" ? "#microsoft.graph.industryData.outgoingFlowRun" : "#microsoft.graph.industryData.runGroup"],
      ["a type of the other namespace", operation.type === "identityGovernance.run" ? "#microsoft.graph.industryData.run" : "#microsoft.graph.identityGovernance.run"],
    ])("E11: @odata.type naming %s: 400", async (_label, odataType) => {
      const response = await patch(provider, operation, id, { "@odata.type": odataType });
      expectGraphError(response, 400, "odataTypeMismatch");
    });

    it("E12: a valid member in a rejected body is not applied", async () => {
      const [validMember, validValue] = Object.entries(validBodies[operation.type])[0]!;
      const [enumMember] = enums;
      const response = await patch(provider, operation, id, { [validMember]: validValue, [enumMember!.member]: "notAMember" });
      expectGraphError(response, 400, "invalidEnumValue");
    });

    it("E13: null for a non-nullable member: 400", async () => {
      const nullable = new Set(resourceTypes()[operation.type].nullableMembers);
      const nonNullable = Object.keys(validBodies[operation.type]).filter((member) => !nullable.has(member));
      expect(nonNullable.length).toBeGreaterThan(0);
      for (const member of nonNullable) {
        const response = await patch(provider, operation, id, { [member]: null });
        expectGraphError(response, 400, "nullNotAllowed");
        expect(response.body.error.target).toBe(`$.${member}`);
      }
    });

    it.each([[""], ["   "]])("E2: the empty body %j sent as application/json is malformed JSON: 400", async (text) => {
      const response = await provider.http.patch(pathOf(provider, operation, id)).set(AUTH).set("Content-Type", "application/json").send(text);
      expectGraphError(response, 400, "malformedJson");
    });

    it("E8: an id other than the path id: 400, nothing renamed", async () => {
      const response = await patch(provider, operation, id, { ...validBodies[operation.type], id: `${id}-other` });
      expectGraphError(response, 400, "unknownMember");
      expect(response.body.error.target).toBe("$.id");
    });

    it.each([["[]"], ['"x"'], ["42"], ["null"], ["true"]])("E14: body %j is not a JSON object: 400", async (text) => {
      const response = await provider.http.patch(pathOf(provider, operation, id)).set(AUTH).set("Content-Type", "application/json").send(text);
      expectGraphError(response, 400, "bodyNotAnObject");
    });

    it("E14: no body at all: 400", async () => {
      expectGraphError(await provider.http.patch(pathOf(provider, operation, id)).set(AUTH), 400, "bodyNotAnObject");
    });
  });

  describe.each(industryDataOperations.map((operation) => [operation.id, operation] as const))("%s", (_name, operation) => {
    it.each([
      ["displayName", 123],
      ["statistics", "x"],
      ["statistics", []],
      ["blockingError", "x"],
      ["blockingError", { code: 5 }],
    ])("E5: %s = %j (wrong JSON type): 400", async (member, value) => {
      const id = await setUpEntity(provider, operation);
      expectGraphError(await patch(provider, operation, id, { [member]: value }), 400, "invalidMemberType");
    });
  });

  it.each([
    ["failedTasksCount", "3"],
    ["totalUsersCount", true],
    ["scheduledDateTime", 20260301],
    ["processingStatus", 1],
  ])("E5: %s = %j on identityGovernance.run (wrong JSON type): 400", async (member, value) => {
    const id = await setUpEntity(provider, identityGovernanceOperation);
    const response = await patch(provider, identityGovernanceOperation, id, { [member]: value });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toMatch(/^(invalidMemberType|invalidInt32)$/);
  });

  describe(`${createRunGroup.id}`, () => {
    it.each(createRunGroup.requiredMembers.map((member) => [member]))("E10: POST without %s: 400", async (member) => {
      const { [member]: _left, ...body } = validPost;
      const response = await post(provider, createRunGroup, body);
      expectGraphError(response, 400, "missingRequiredMember");
      expect(response.body.error.target).toBe(`$.${member}`);
    });

    it("E8: POST with an id: 400, as the server assigns it", async () => {
      const response = await post(provider, createRunGroup, { ...validPost, id: "chosen-by-client" });
      expectGraphError(response, 400, "unknownMember");
      expect(response.body.error.target).toBe("$.id");
    });

    it("E11: POST with the @odata.type of another type: 400", async () => {
      const response = await post(provider, createRunGroup, { "@odata.type": "#microsoft.graph.industryData.run", ...validPost });
      expectGraphError(response, 400, "odataTypeMismatch");
    });

    it("E12: a rejected POST creates nothing", async () => {
      const createEntity = jest.fn(defaultBehaviour.createEntity);
      const newId = jest.fn(defaultBehaviour.newId);
      const spied = await providerUnderTest({ behaviour: { createEntity, newId } });
      try {
        expect((await post(spied, createRunGroup, { ...validPost, status: "paused" })).status).toBe(400);
        expect((await post(spied, createRunGroup, { ...validPost, id: "chosen-by-client" })).status).toBe(400);
        expect(createEntity).not.toHaveBeenCalled();
        expect(newId).not.toHaveBeenCalled();
        expect((await post(spied, createRunGroup, validPost)).status).toBe(201);
        expect(createEntity).toHaveBeenCalledTimes(1);
      } finally {
        await spied.close();
      }
    });

    it("E14: POST of a body that is not an object: 400", async () => {
      const response = await provider.http.post(pathOf(provider, createRunGroup)).set(AUTH).set("Content-Type", "application/json").send("[1]");
      expectGraphError(response, 400, "bodyNotAnObject");
    });
  });

  it("lists every violation of a body in error.details, each with its own code and target", async () => {
    const operation = industryDataOperations[0]!;
    const id = await setUpEntity(provider, operation);
    const response = await patch(provider, operation, id, { status: "paused", displayName: 5, extra: true });
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual(
      expect.arrayContaining([
        { code: "invalidEnumValue", target: "$.status", message: expect.any(String) },
        { code: "invalidMemberType", target: "$.displayName", message: expect.any(String) },
        { code: "unknownMember", target: "$.extra", message: expect.any(String) },
      ]),
    );
    expect(response.body.error.innerError).toEqual({ rule: expect.stringMatching(/^E\d+$/), "request-id": expect.any(String), date: expect.any(String) });
  });
});
