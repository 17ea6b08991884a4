import { resourceTypes } from "../../src/catalog";
import {
  AUTH,
  createRunGroup,
  current,
  enumMembers,
  expectJsonContentType,
  expectValidEntity,
  membersOfPrimitive,
  patch,
  patchOperations,
  pathOf,
  post,
  providerUnderTest,
  rawBody,
  setUpEntity,
  updateOf,
  validBodies,
  validPost,
  type ProviderUnderTest,
} from "./support";

describe("reference provider: positive rules P1–P10", () => {
  let provider: ProviderUnderTest;
  beforeAll(async () => {
    provider = await providerUnderTest();
  });
  afterAll(() => provider.close());

  describe.each(patchOperations.map((operation) => [operation.id, operation] as const))("%s", (_name, operation) => {
    const body = validBodies[operation.type];

    it("P1: a valid PATCH answers 200 with the entity, its id and every sent member", async () => {
      const id = await setUpEntity(provider, operation);
      const response = await patch(provider, operation, id, body);
      expect(response.status).toBe(200);
      expectValidEntity(response, operation);
      expect(response.body).toMatchObject({ ...body, id });
    });

    it("§2: a body that also carries the path id (an SDK's read-modify-write) is answered as the same body without it", async () => {
      const plain = await setUpEntity(provider, operation);
      const withId = await setUpEntity(provider, operation);
      const expected = (await patch(provider, operation, plain, body)).body as Record<string, unknown>;
      const response = await patch(provider, operation, withId, { ...body, id: withId });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ ...expected, id: withId });
      expect(await current(provider, operation, withId)).toEqual(response.body);
    });

    it("P2: members not in the body keep their values", async () => {
      const id = await setUpEntity(provider, operation);
      const full = (await patch(provider, operation, id, body)).body as Record<string, unknown>;
      const [member, value] = Object.entries(body)[0]!;
      const changed = typeof value === "string" && !value.includes("T") ? `${value} (renamed)` : value;
      const response = await patch(provider, operation, id, { [member]: changed });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ ...full, [member]: changed });
      expect(await current(provider, operation, id)).toEqual({ ...full, [member]: changed });
    });

    it.each([
      ["without @odata.type", undefined],
      ["with the canonical @odata.type", resourceTypes()[operation.type].odataType],
      ["with @odata.type without its leading #", resourceTypes()[operation.type].odataType.slice(1)],
    ])("P5: a body %s is accepted", async (_label, odataType) => {
      const id = await setUpEntity(provider, operation);
      const response = await patch(provider, operation, id, odataType === undefined ? body : { "@odata.type": odataType, ...body });
      expect(response.status).toBe(200);
      expect(response.body["@odata.type"]).toBe(resourceTypes()[operation.type].odataType);
    });

    const enumCases = enumMembers(operation.type).flatMap(({ member, values }) =>
      values.filter((value) => value !== "unknownFutureValue").map((value) => [member, value] as const),
    );
    it.each(enumCases)("P6: %s = %s is accepted and echoed", async (member, value) => {
      const id = await setUpEntity(provider, operation);
      const response = await patch(provider, operation, id, { [member]: value });
      expect(response.status).toBe(200);
      expect(response.body[member]).toBe(value);
    });

    it.each(membersOfPrimitive(operation.type, "DateTimeOffset", "NullableDateTimeOffset"))(
      "P7: %s with a non-Z offset is accepted and echoed as sent (the same instant)",
      async (member) => {
        const id = await setUpEntity(provider, operation);
        const sent = "2026-03-01T23:30:00.125-09:30";
        const response = await patch(provider, operation, id, { [member]: sent });
        expect(response.status).toBe(200);
        expect(response.body[member]).toBe(sent);
        expect(Date.parse(response.body[member])).toBe(Date.parse("2026-03-02T09:00:00.125Z"));
      },
    );

    it.each(resourceTypes()[operation.type].nullableMembers)("P10: null is accepted for %s", async (member) => {
      const id = await setUpEntity(provider, operation);
      await patch(provider, operation, id, body);
      const response = await patch(provider, operation, id, { [member]: null });
      expect(response.status).toBe(200);
      expect(response.body[member]).toBeNull();
      expect((await current(provider, operation, id))[member]).toBeNull();
    });
  });

  const int32Cases = patchOperations.flatMap((operation) =>
    membersOfPrimitive(operation.type, "Int32").flatMap((member) => [0, 2147483647, -2147483648].map((value) => [operation.id, member, value, operation] as const)),
  );
  it.each(int32Cases)("P8: %s %s = %d is accepted and echoed", async (_name, member, value, operation) => {
    const id = await setUpEntity(provider, operation);
    const response = await patch(provider, operation, id, { [member]: value });
    expect(response.status).toBe(200);
    expect(response.body[member]).toBe(value);
  });

  // Only the industryData types have free-text members (displayName, and the open statistics object).
  describe.each(patchOperations.filter((operation) => operation.type.startsWith("industryData")).map((operation) => [operation.id, operation] as const))(
    "%s",
    (_name, operation) => {
      it("P9: non-ASCII text is echoed byte for byte", async () => {
        const id = await setUpEntity(provider, operation);
        const text = "Zürich ✓ 東京 😀";
        // A string body goes out as its UTF-8 bytes, unescaped (superagent would turn a Buffer into {type, data}).
        const sent = JSON.stringify({ displayName: text, statistics: { city: text } });
        const response = await provider.http
          .patch(pathOf(provider, operation, id))
          .set(AUTH)
          .set("Content-Type", "application/json; charset=utf-8")
          .send(sent)
          .buffer(true)
          .parse(rawBody);
        expect(response.status).toBe(200);
        const received = response.body as Buffer;
        expect(received.includes(Buffer.from(`"displayName":"${text}"`, "utf8"))).toBe(true);
        expect(received.includes(Buffer.from(`"city":"${text}"`, "utf8"))).toBe(true);
      });
    },
  );

  describe(`${createRunGroup.id}`, () => {
    it("P3: a valid POST answers 201 with a new id and a Location that a PATCH then reaches", async () => {
      const response = await post(provider, createRunGroup, validPost);
      expect(response.status).toBe(201);
      expectValidEntity(response, createRunGroup);
      expect(response.body).toMatchObject(validPost);
      const id = response.body.id as string;
      expect(id).toEqual(expect.any(String));
      expect(id).not.toBe("");
      const location = new URL(response.headers.location as string);
      expect(location.pathname).toBe(`/industryData/runGroups/${encodeURIComponent(id)}`);

      const update = await provider.http.patch(location.pathname).set(AUTH).send({ status: "completed" });
      expect(update.status).toBe(200);
      expect(update.body).toMatchObject({ ...validPost, id, status: "completed" });
    });

    it("P3: the created entity carries every sent member, @odata.type and offset date-times as sent", async () => {
      const body = { "@odata.type": "microsoft.graph.industryData.runGroup", ...validBodies["industryData.runGroup"], endDateTime: null, blockingError: null };
      const response = await post(provider, createRunGroup, body);
      expect(response.status).toBe(201);
      expectJsonContentType(response);
      const { "@odata.type": _sentType, ...members } = body;
      expect(response.body).toMatchObject({ ...members, "@odata.type": "#microsoft.graph.industryData.runGroup" });
    });

    it("P4: two POSTs create two entities with different ids", async () => {
      const first = await post(provider, createRunGroup, validPost);
      const second = await post(provider, createRunGroup, validPost);
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(first.body.id).not.toBe(second.body.id);
      const updateOperation = updateOf(createRunGroup.type);
      await patch(provider, updateOperation, first.body.id, { displayName: "first only" });
      expect((await current(provider, updateOperation, second.body.id)).displayName).toBe("Import");
    });
  });
});
