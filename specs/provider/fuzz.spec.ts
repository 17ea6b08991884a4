import http from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { operations, resourceTypes, type Operation } from "../../src/catalog";
import { buildReferenceProvider, PROVIDER_STATES_PATH } from "../../src/provider";
import { schemaRegistry } from "../../src/catalog";
import { enumMembers, memberSchemas, patchOperations } from "./support";

// The reference provider under fire (issue 8): generated bodies, headers, methods and
// paths, over keep-alive loopback HTTP (app.inject's light-my-request pulls in an
// ESM-only dependency this Jest cannot load). Whatever arrives, the provider answers: never
// a 5xx, never a crash, every error in the Graph shape, and the store never holds an
// entity its schema refuses. Run counts add up to 10,000.

const PREFIX = "/beta";
// Generous: the runs take a few seconds each; the bound is there so a hang fails instead of stalling the suite.
const RUN_TIMEOUT_MS = 60_000;
const TOKEN = "fuzz-token";
const registry = schemaRegistry();
const knownIds = patchOperations.map((operation, index) => ({ operation, id: `fuzz-${index}` }));

const memberNames = [...new Set(Object.values(resourceTypes()).flatMap((type) => Object.keys(memberSchemas(type.key))))];
const enumValues = [...new Set(Object.values(resourceTypes()).flatMap((type) => enumMembers(type.key).flatMap((entry) => entry.values)))];

const text = fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" }), fc.constantFrom("Zürich ✓ 東京", "", " "));
const dateTime = fc.oneof(
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  fc.constantFrom("2026-03-01T10:00:00+05:45", "2026-03-01T10:00:00-00:00", "yesterday", "2026-13-45T99:00:00Z", "2026-03-01", "2026-03-01T10:00:00"),
);
const int32ish = fc.oneof(fc.integer(), fc.constantFrom(0, 2147483647, -2147483648, 2147483648, -2147483649, 3.5, Number.MAX_SAFE_INTEGER, -0));
const memberValue = fc.oneof(
  fc.constantFrom(...enumValues),
  dateTime,
  int32ish,
  text,
  fc.constant(null),
  fc.boolean(),
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(fc.oneof(text, fc.constantFrom("__proto__", "constructor", "prototype", "@odata.type")), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);
const memberName = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...memberNames, "@odata.type", "id") },
  { weight: 1, arbitrary: text },
  { weight: 1, arbitrary: fc.constantFrom("__proto__", "constructor", "toString", "hasOwnProperty") },
);
const odataType = fc.constantFrom(...Object.values(resourceTypes()).flatMap((type) => [type.odataType, type.odataType.slice(1)]), "#microsoft.graph.publicError", "");

/** Mostly objects of plausible members, then any JSON, then text that is rarely JSON at all. */
const bodyText: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 6, arbitrary: fc.dictionary(memberName, memberValue, { maxKeys: 6 }).map((body) => JSON.stringify(body)) },
  { weight: 2, arbitrary: fc.tuple(odataType, fc.dictionary(memberName, memberValue, { maxKeys: 3 })).map(([type, body]) => JSON.stringify({ "@odata.type": type, ...body })) },
  { weight: 2, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.dictionary(memberName, memberValue, { maxKeys: 4 }).chain((body) => fc.nat().map((cut) => JSON.stringify(body).slice(0, cut))) },
  { weight: 1, arbitrary: text },
  { weight: 1, arbitrary: fc.constantFrom(undefined, '{"__proto__":{"x":1}}', '{"a":1,"a":2}', "\uFEFF{}", "{}".repeat(3), "[]", "null") },
);

const PRIMITIVES = "urn:graph-conformance:schema:types/primitives#/$defs/";
const validDateTime = fc
  .tuple(fc.date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T00:00:00Z"), noInvalidDate: true }), fc.constantFrom("Z", "+05:45", "-09:30", "+00:00"))
  .map(([date, offset]) => date.toISOString().replace("Z", offset));
const plainKey = text.filter((key) => key !== "__proto__" && key !== "@odata.type");

/** A valid value for one member, from the member's schema (enums without the sentinel, the rules' Int32 and date-times). */
function validValue(schema: Record<string, unknown>): fc.Arbitrary<unknown> {
  const ref = typeof schema.$ref === "string" ? schema.$ref : "";
  if (ref.includes(":schema:enums/")) return fc.constantFrom(...(registry.schema(ref).enum as string[]).filter((value) => value !== "unknownFutureValue"));
  if (ref === `${PRIMITIVES}Int32`) return fc.integer({ min: -2147483648, max: 2147483647 });
  if (ref === `${PRIMITIVES}DateTimeOffset`) return validDateTime;
  if (ref === `${PRIMITIVES}NullableDateTimeOffset`) return fc.option(validDateTime, { nil: null });
  // fast-check's jsonValue may nest a "__proto__" member, which the provider refuses anywhere (E8): not a valid body.
  if (ref.endsWith("runStatistics")) return fc.dictionary(plainKey, fc.jsonValue({ maxDepth: 2 }).filter((value) => !JSON.stringify(value).includes('"__proto__"')), { maxKeys: 4 });
  if (schema.anyOf) return fc.option(fc.record({ code: fc.option(text, { nil: null }), message: text, target: fc.option(text, { nil: null }) }, { requiredKeys: [] }), { nil: null });
  if (schema.type === "string") return text;
  throw new Error(`no valid-value generator for ${JSON.stringify(schema)}`);
}

/** Valid bodies of an operation: any subset of its writable members (the required ones always), with or without @odata.type. */
function validBody(operation: Operation): fc.Arbitrary<Record<string, unknown>> {
  const members = Object.entries(memberSchemas(operation.type)).filter(([name]) => name !== "id");
  const record = fc.record(Object.fromEntries(members.map(([name, schema]) => [name, validValue(schema)])), { requiredKeys: [...operation.requiredMembers] });
  const type = resourceTypes()[operation.type].odataType;
  return fc.tuple(record, fc.constantFrom(undefined, type, type.slice(1))).map(([body, odataType]) => (odataType === undefined ? body : { "@odata.type": odataType, ...body }));
}

const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 40 });
const authorization = fc.oneof(
  { weight: 6, arbitrary: fc.constant(`Bearer ${TOKEN}`) },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom("Bearer ", "Bearer other", `bearer ${TOKEN}`, "Basic eDp5", `Bearer ${TOKEN} `) },
  { weight: 1, arbitrary: printable },
);
const contentType = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("application/json", "application/json; charset=utf-8", 'APPLICATION/JSON; charset="UTF-8"', "application/json; charset=latin1") },
  { weight: 1, arbitrary: fc.constantFrom(undefined, "text/plain", "application/jsonx", "application/xml", "multipart/form-data", "*/*", "", ";") },
  { weight: 1, arbitrary: printable },
);

const idText = fc.oneof(fc.constantFrom(...knownIds.map((known) => known.id)), text, fc.constantFrom("", "..", "%", "%ZZ", "a/b", "x".repeat(1500)));
const operationPath = fc.tuple(fc.constantFrom(...operations()), idText, fc.boolean()).map(([operation, id, encode]) => {
  const path = operation.path.replace("{id}", encode ? encodeURIComponent(id) : id.replace(/[^\x21-\x7e]/g, "_"));
  return { url: `${PREFIX}${path}`, operation };
});
const anyPath = fc.oneof(
  { weight: 4, arbitrary: operationPath },
  { weight: 1, arbitrary: fc.constantFrom(PROVIDER_STATES_PATH, `${PREFIX}${PROVIDER_STATES_PATH}`).map((url) => ({ url, operation: undefined })) },
  { weight: 1, arbitrary: fc.webPath().map((url) => ({ url: url || "/", operation: undefined })) },
  { weight: 1, arbitrary: fc.constantFrom("/", "//", "/beta/", "/beta/process/runs/", "/beta/%", "/beta/process/runs/a?b=%zz", "/beta/../etc/passwd").map((url) => ({ url, operation: undefined })) },
);
const method = fc.oneof({ weight: 4, arbitrary: fc.constantFrom<Method>("PATCH", "POST") }, { weight: 1, arbitrary: fc.constantFrom<Method>("GET", "PUT", "DELETE", "OPTIONS", "HEAD") });

interface Answer {
  status: number;
  contentType: string | undefined;
  body: string;
}

type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
/** How often each status came back, so a generator that stops reaching some answer fails the spec. */
const statusTally = new Map<number, number>();

function send(app: FastifyInstance, options: { method: Method; url: string; authorization?: string; contentType?: string; body?: string; extraHeaders?: Record<string, string> }): Promise<Answer> {
  const headers: Record<string, string> = { ...options.extraHeaders };
  if (options.authorization !== undefined) headers.authorization = options.authorization;
  if (options.contentType !== undefined) headers["content-type"] = options.contentType;
  if (options.body !== undefined) headers["content-length"] = String(Buffer.byteLength(options.body));
  const { port } = app.server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, agent, method: options.method, path: options.url, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        statusTally.set(response.statusCode ?? 0, (statusTally.get(response.statusCode ?? 0) ?? 0) + 1);
        resolve({ status: response.statusCode ?? 0, contentType: response.headers["content-type"], body: Buffer.concat(chunks).toString("utf8") });
      });
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(options.body);
  });
}

function expectWellFormed(answer: Answer, method: Method, operation: Operation | undefined): void {
  expect(answer.status).toBeLessThan(500);
  if (method === "HEAD") return;
  expect(answer.contentType).toBe("application/json; charset=utf-8");
  const body = JSON.parse(answer.body) as unknown;
  if (answer.status >= 400) {
    expect(registry.validate("errors/graphError", body).violations).toEqual([]);
  } else if (operation && operation.method === method) {
    expect(registry.validate(operation.responseSchema, body).violations).toEqual([]);
  }
}

describe("reference provider under fire (fuzz)", () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = buildReferenceProvider({ prefix: PREFIX, token: TOKEN, bodyLimit: 16 * 1024 });
    await app.listen({ host: "127.0.0.1", port: 0 });
    for (const { operation, id } of knownIds) {
      const setup = await send(app, {
        method: "POST",
        url: `${PREFIX}${PROVIDER_STATES_PATH}`,
        contentType: "application/json",
        body: JSON.stringify({ state: resourceTypes()[operation.type].providerState, params: { id } }),
      });
      expect(setup.status).toBe(200);
    }
  });
  afterAll(async () => {
    // A generator that stopped reaching some answer would make the properties above say little.
    expect([...statusTally.keys()].sort()).toEqual(expect.arrayContaining([200, 201, 400, 401, 404, 405, 415]));
    // Whatever the bodies held, nothing reached a prototype and every entity is still valid.
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    for (const { operation, id } of knownIds) {
      const answer = await send(app, { method: "PATCH", url: `${PREFIX}${operation.path.replace("{id}", id)}`, authorization: `Bearer ${TOKEN}`, contentType: "application/json", body: "{}" });
      expect(answer.status).toBe(200);
      expect(registry.validate(operation.responseSchema, JSON.parse(answer.body)).violations).toEqual([]);
    }
    agent.destroy();
    await app.close();
  });

  it("2,000 generated valid bodies: success, a valid entity and every sent member echoed", async () => {
    const validRequest = fc.constantFrom(...operations()).chain((operation) => fc.tuple(fc.constant(operation), fc.constantFrom(...knownIds.filter((known) => known.operation.type === operation.type).map((known) => known.id)), validBody(operation)));
    await fc.assert(
      fc.asyncProperty(validRequest, async ([operation, id, body]) => {
        const url = `${PREFIX}${operation.path.replace("{id}", id)}`;
        const answer = await send(app, { method: operation.method, url, authorization: `Bearer ${TOKEN}`, contentType: "application/json", body: JSON.stringify(body) });
        expect(answer.status).toBe(operation.successStatus);
        expectWellFormed(answer, operation.method, operation);
        const { "@odata.type": _sentType, ...members } = body;
        expect(JSON.parse(answer.body)).toMatchObject(JSON.parse(JSON.stringify(members)));
      }),
      { numRuns: 2000 },
    );
  }, RUN_TIMEOUT_MS);

  it("4,000 generated bodies on the operations: a 2xx with a valid entity or a Graph-shaped 4xx", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...operations()), fc.constantFrom(...knownIds.map((known) => known.id)), authorization, contentType, bodyText, async (operation, id, auth, type, body) => {
        const url = `${PREFIX}${operation.path.replace("{id}", id)}`;
        const answer = await send(app, { method: operation.method, url, authorization: auth, contentType: type, body });
        expectWellFormed(answer, operation.method, operation);
      }),
      { numRuns: 4000 },
    );
  }, RUN_TIMEOUT_MS);

  it("3,000 generated requests (any method, path, headers, body): never a 5xx, every error Graph-shaped", async () => {
    const extraHeaders = fc.dictionary(fc.constantFrom("accept", "accept-charset", "content-encoding", "x-ms-client-request-id", "if-match", "prefer", "transfer-encoding-x"), printable, { maxKeys: 3 });
    await fc.assert(
      fc.asyncProperty(method, anyPath, authorization, contentType, bodyText, extraHeaders, async (verb, { url, operation }, auth, type, body, headers) => {
        const answer = await send(app, { method: verb, url, authorization: auth, contentType: type, body: verb === "GET" || verb === "HEAD" ? undefined : body, extraHeaders: headers });
        expectWellFormed(answer, verb, operation);
      }),
      { numRuns: 3000 },
    );
  }, RUN_TIMEOUT_MS);

  it("1,000 generated state changes: 200 {id} for a known state, 200 {} for the empty state, a Graph-shaped 400 otherwise", async () => {
    const stateName = fc.oneof(fc.constantFrom(...Object.values(resourceTypes()).map((type) => type.providerState)), text);
    const stateBody = fc.oneof(
      fc.record({ state: stateName, params: fc.option(fc.record({ id: fc.oneof(text, fc.integer()) }, { requiredKeys: [] }), { nil: undefined }), action: fc.constantFrom(undefined, "setup", "teardown", "reset") }, { requiredKeys: ["state"] }).map((body) => JSON.stringify(body)),
      bodyText,
    );
    await fc.assert(
      fc.asyncProperty(stateBody, contentType, async (body, type) => {
        const answer = await send(app, { method: "POST", url: `${PREFIX}${PROVIDER_STATES_PATH}`, contentType: type, body });
        expectWellFormed(answer, "POST", undefined);
        if (answer.status !== 200) return;
        // The empty state is what Pact verifiers send for an interaction without one: nothing to hold.
        const emptyState = (JSON.parse(body ?? "{}") as { state?: unknown }).state === "";
        expect(JSON.parse(answer.body)).toEqual(emptyState ? {} : { id: expect.any(String) });
      }),
      { numRuns: 1000 },
    );
  }, RUN_TIMEOUT_MS);
});
