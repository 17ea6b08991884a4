import type { FastifyInstance } from "fastify";
import request, { type Response } from "supertest";
import { operations, resourceTypes, type Operation, type ResourceTypeKey } from "../../src/catalog";
import { buildReferenceProvider, PROVIDER_STATES_PATH, type ReferenceProviderOptions } from "../../src/provider";
import { schemaRegistry } from "../../src/catalog";

export const TOKEN = "spec-token";
export const AUTH = { Authorization: `Bearer ${TOKEN}` };

export const patchOperations = operations().filter((operation) => operation.method === "PATCH");
/** The manifest's one POST. */
export const createRunGroup = operations().find((operation) => operation.method === "POST")!;

/** The PATCH operation of a type. */
export function updateOf(type: ResourceTypeKey): Operation {
  return patchOperations.find((operation) => operation.type === type)!;
}

/** A POST body of exactly the required members. */
export const validPost: Readonly<Record<string, unknown>> = { displayName: "Import", startDateTime: "2026-03-01T10:00:00Z", status: "running", statistics: {} };

export interface ProviderUnderTest {
  app: FastifyInstance;
  http: ReturnType<typeof request>;
  prefix: string;
  close(): Promise<void>;
}

export async function providerUnderTest(options: ReferenceProviderOptions = {}): Promise<ProviderUnderTest> {
  const app = buildReferenceProvider(options);
  // Listening first keeps supertest from binding every interface itself: loopback only.
  await app.listen({ host: "127.0.0.1", port: 0 });
  return { app, http: request(app.server), prefix: options.prefix ?? "", close: () => app.close() };
}

let nextId = 0;
/** A fresh id per call, so specs sharing a provider never touch each other's entities. */
export function freshId(label = "entity"): string {
  nextId += 1;
  return `${label}-${nextId}`;
}

/** Sets up the operation's provider state for `id` and returns the id. */
export async function setUpEntity(provider: ProviderUnderTest, operation: Operation, id = freshId(operation.type)): Promise<string> {
  const response = await provider.http
    .post(`${provider.prefix}${PROVIDER_STATES_PATH}`)
    .send({ state: resourceTypes()[operation.type].providerState, params: { id }, action: "setup" });
  expect(response.status).toBe(200);
  return id;
}

export function pathOf(provider: ProviderUnderTest, operation: Operation, id?: string): string {
  return provider.prefix + (id === undefined ? operation.path : operation.path.replace("{id}", encodeURIComponent(id)));
}

export function patch(provider: ProviderUnderTest, operation: Operation, id: string, body: unknown) {
  return provider.http
    .patch(pathOf(provider, operation, id))
    .set(AUTH)
    .set("Content-Type", "application/json")
    .send(JSON.stringify(body));
}

export function post(provider: ProviderUnderTest, operation: Operation, body: unknown) {
  return provider.http.post(pathOf(provider, operation)).set(AUTH).set("Content-Type", "application/json").send(JSON.stringify(body));
}

/** The entity as the provider holds it now: an empty PATCH changes nothing and answers it. */
export async function current(provider: ProviderUnderTest, operation: Operation, id: string): Promise<Record<string, unknown>> {
  const response = await patch(provider, operation, id, {});
  expect(response.status).toBe(200);
  return response.body as Record<string, unknown>;
}

export function expectJsonContentType(response: Response): void {
  expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
}

/** Status, Content-Type and the Graph error shape of rules.md §4, with the provider's stable code. */
export function expectGraphError(response: Response, status: number, code: string): void {
  expect({ status: response.status, code: response.body?.error?.code }).toEqual({ status, code });
  expectJsonContentType(response);
  expect(schemaRegistry().validate("errors/graphError", response.body).violations).toEqual([]);
  expect(response.body.error.message).toEqual(expect.any(String));
}

export function expectValidEntity(response: Response, operation: Operation): void {
  expectJsonContentType(response);
  expect(schemaRegistry().validate(operation.responseSchema, response.body).violations).toEqual([]);
  expect(response.body["@odata.type"]).toBe(resourceTypes()[operation.type].odataType);
}

/** A complete, valid PATCH body per type: every writable member the rules check. */
export const validBodies: Readonly<Record<ResourceTypeKey, Record<string, unknown>>> = {
  "industryData.run": industryDataBody(),
  "industryData.runGroup": industryDataBody(),
  "industryData.outgoingFlowRun": industryDataBody(),
  "identityGovernance.run": {
    completedDateTime: "2026-03-01T11:00:00Z",
    lastUpdatedDateTime: "2026-03-01T11:00:00Z",
    startedDateTime: "2026-03-01T10:00:00Z",
    scheduledDateTime: "2026-03-01T09:30:00-05:00",
    failedTasksCount: 1,
    failedUsersCount: 2,
    successfulUsersCount: 3,
    totalUsersCount: 5,
    totalUnprocessedTasksCount: 4,
    processingStatus: "completedWithErrors",
    workflowExecutionType: "scheduled",
  },
};

function industryDataBody(): Record<string, unknown> {
  return {
    displayName: "Nightly SIS import",
    startDateTime: "2026-03-01T10:00:00+01:00",
    endDateTime: "2026-03-01T11:00:00Z",
    status: "completedWithWarnings",
    statistics: { "@odata.type": "#microsoft.graph.industryData.runStatistics", recordsRead: 12 },
  };
}

type PropertySchema = Record<string, unknown>;

/** The members of a type's schema, following `allOf` to its base type (runGroup → run). */
export function memberSchemas(type: ResourceTypeKey): Record<string, PropertySchema> {
  const registry = schemaRegistry();
  const collect = (schema: Record<string, unknown>): Record<string, PropertySchema> => {
    const inherited = ((schema.allOf as { $ref: string }[] | undefined) ?? []).map((part) => collect(registry.schema(part.$ref)));
    return Object.assign({}, ...inherited, schema.properties ?? {});
  };
  return collect(registry.schema(resourceTypes()[type].entitySchema));
}

/** Members whose schema is one of the named `$defs` of primitives (Int32, DateTimeOffset, NullableDateTimeOffset). */
export function membersOfPrimitive(type: ResourceTypeKey, ...primitives: string[]): string[] {
  const refs = primitives.map((primitive) => `urn:graph-conformance:schema:types/primitives#/$defs/${primitive}`);
  return Object.entries(memberSchemas(type))
    .filter(([, schema]) => refs.includes(schema.$ref as string))
    .map(([name]) => name);
}

/** Every enum-valued member of a type with its documented members. */
export function enumMembers(type: ResourceTypeKey): { member: string; values: string[] }[] {
  const registry = schemaRegistry();
  return Object.entries(memberSchemas(type))
    .filter(([, schema]) => typeof schema.$ref === "string" && schema.$ref.includes(":schema:enums/"))
    .map(([member, schema]) => ({ member, values: registry.schema(schema.$ref as string).enum as string[] }));
}

/** Reads a response body as raw bytes, for byte-for-byte comparisons. */
export function rawBody(response: NodeJS.EventEmitter, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on("data", (chunk: Buffer) => chunks.push(chunk));
  response.on("end", () => callback(null, Buffer.concat(chunks)));
}
