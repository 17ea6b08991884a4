import { randomUUID } from "node:crypto";
import secureJson from "secure-json-parse";
import { resourceTypes, schemaRegistry, type Operation } from "../catalog";
import { isObject } from "../isObject";
import type { SchemaViolation } from "../schemas/violations";
import { graphErrorBody, ProviderError, rejectionOf } from "./errors";
import type { Entity, EntityStore } from "./store";

/** A request body that passed `validateBody`: a JSON object of the operation's members. */
export type EntityBody = Readonly<Record<string, unknown>>;

/** What `rejectedWrite` is told about a write it refuses. */
export interface RejectedWrite {
  operation: Operation;
  /** The path id of a PATCH; absent for a POST. */
  id?: string;
  body: unknown;
  violations: readonly SchemaViolation[];
  store: EntityStore;
}

/**
 * The reference provider as a composition of small named policies. The routes
 * (src/provider/routes.ts) only sequence them; every decision a rule of
 * ../shared/rules.md is about is made by exactly one policy here:
 *
 * | policy | decides | rules |
 * |---|---|---|
 * | `authenticate` | whether the Authorization header is a bearer token (which token: the token mode, no rule) | E1 |
 * | `parseBody` | media type and JSON text → value | E2 (an empty body too), E3, P9 |
 * | `validateBody` | the schema violations of a parsed body | E4–E8, E10, E11, E13, E14, P5–P8, P10 |
 * | `validateBodyId` | whether a PATCH body's `id` is the path id (the SDKs' read-modify-write) | E8, P1 |
 * | `rejectBody` | the error a body with violations is answered with | E4–E14 |
 * | `rejectedWrite` | what a rejected write leaves in the store (nothing) | E12 |
 * | `entityNotFound` | what a PATCH of an unknown id does (404) | E9 |
 * | `applyPatch` | the entity after a valid PATCH | P1, P2 |
 * | `newId` | the id a POST assigns | P3, P4 |
 * | `createEntity` | the entity a valid POST creates | P3 |
 * | `serializeEntity` | the response body of an entity (`@odata.type`, echo) | P1, P3, P7, P9 |
 * | `successStatus` | 200 for PATCH, 201 for POST | P1, P3 |
 * | `location` | the Location header of a created entity (or none) | P3 (allowed either way) |
 * | `contentType` | the Content-Type of entity and error answers, by status | P1, §4 |
 * | `errorStatus` | the HTTP status of an error | §4 (no 5xx for bad input) |
 * | `errorBody` | the Graph error body | §4 |
 *
 * A faulty provider (one rule broken, for testing a check) is `defaultBehaviour`
 * with ONE policy overridden; an override may wrap the default it replaces, e.g.
 *
 *     buildReferenceProvider({ behaviour: {
 *       validateBody: (operation, body) =>
 *         defaultBehaviour.validateBody(operation, body).filter((violation) => violation.rule !== "E4"),
 *     } });
 *
 * Policies are synchronous on purpose: a PATCH reads and writes its entity with no
 * `await` in between, so concurrent PATCHes cannot lose an update.
 */
export interface ProviderBehaviour {
  /**
   * Undefined lets the request past this policy (with a configured token, a bearer
   * token is then still compared: tokenMode.ts); an error (401 by default) turns it
   * away before anything else happens.
   */
  authenticate(authorization: string | undefined): ProviderError | undefined;
  /** Turns a request body into a value, or throws a ProviderError (415 a media type other than JSON, 400 bad JSON, an empty body included). */
  parseBody(text: string, contentType: string): unknown;
  /** Every violation of the operation's request schema; none means the body is valid. */
  validateBody(operation: Operation, body: unknown): readonly SchemaViolation[];
  /** The violations of the `id` a PATCH body carries, which the schema cannot compare with the path id. */
  validateBodyId(operation: Operation, pathId: string, body: unknown): readonly SchemaViolation[];
  /** The error a body with violations is answered with. */
  rejectBody(operation: Operation, violations: readonly SchemaViolation[]): ProviderError;
  /** Called once for every rejected write, before the rejection is sent. */
  rejectedWrite(write: RejectedWrite): void;
  /** A PATCH of an id the store does not hold: throws (404) or returns the entity to patch instead. */
  entityNotFound(operation: Operation, id: string, body: EntityBody): Entity;
  /** The entity after a valid PATCH body is applied to the current one. */
  applyPatch(current: Entity, body: EntityBody, operation: Operation): Entity;
  /** A new entity id for a POST. */
  newId(operation: Operation, store: EntityStore): string;
  /** The entity a valid POST body creates. */
  createEntity(id: string, body: EntityBody, operation: Operation): Entity;
  /** The JSON value sent back for an entity. */
  serializeEntity(entity: Entity, operation: Operation): Record<string, unknown>;
  successStatus(operation: Operation): number;
  /** The Location header of a 201, given the created entity's absolute URL; undefined sends none. */
  location(url: string, operation: Operation): string | undefined;
  /** The Content-Type of an answer; the status lets a policy treat one kind of error apart. */
  contentType(kind: "entity" | "error", status: number): string;
  errorStatus(error: ProviderError): number;
  errorBody(error: ProviderError, requestId: string): unknown;
}

/** RFC 6750 §2.1: the scheme in any case, one or more spaces, the token: the rest of the value (Node hands it over trimmed). */
const BEARER = /^Bearer +(\S.*)/i;

/** The token of a `Bearer <token>` header; undefined for no header, another scheme or an empty token. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return BEARER.exec(authorization ?? "")?.[1];
}

function authenticate(authorization: string | undefined): ProviderError | undefined {
  return bearerToken(authorization) === undefined ? new ProviderError("unauthenticated", "the request needs an Authorization header: Bearer <token>, with a non-empty token") : undefined;
}

const FORBIDDEN_KEYS = { protoAction: "error", constructorAction: "error" } as const;

/**
 * Only the media type counts: RFC 8259 §11 defines no `charset` for JSON ("adding one
 * really has no effect on compliant recipients"), and a JSON text is UTF-8.
 */
function parseBody(text: string, contentType: string): unknown {
  if (contentType.split(";")[0].trimEnd().toLowerCase() !== "application/json") {
    throw new ProviderError("unsupportedMediaType", `the body must be sent as application/json, not ${JSON.stringify(contentType)}`);
  }
  // An empty body needs no case of its own: it does not parse, which rules.md E2 calls malformed JSON too.
  try {
    // secure-json-parse refuses __proto__ and constructor.prototype members, so no body can reach a prototype.
    return secureJson.parse(text, null, FORBIDDEN_KEYS);
  } catch (error) {
    try {
      JSON.parse(text);
    } catch {
      throw new ProviderError("malformedJson", `the body is not valid JSON: ${(error as Error).message}`);
    }
    throw new ProviderError("forbiddenMember", "the body holds a __proto__ or constructor.prototype member");
  }
}

function validateBody(operation: Operation, body: unknown): readonly SchemaViolation[] {
  return schemaRegistry().validate(operation.requestSchema, body).violations;
}

/**
 * rules.md §2: the Graph SDKs send the entity's `id` when their model holds one, so
 * the path id itself is accepted (and `applyPatch` keeps the stored id); any other
 * id would rename or retarget the entity, and is read-only (E8).
 */
function validateBodyId(_operation: Operation, pathId: string, body: unknown): readonly SchemaViolation[] {
  if (!isObject(body) || !Object.hasOwn(body, "id")) return [];
  const id = body.id;
  if (id === pathId) return [];
  return [{ path: "$.id", rule: "E8", message: `id is read-only: a body may carry only the path id ${JSON.stringify(pathId)}, not ${JSON.stringify(id)}`, keyword: "readOnly" }];
}

function rejectBody(_operation: Operation, violations: readonly SchemaViolation[]): ProviderError {
  return rejectionOf(violations);
}

function rejectedWrite(): void {
  // Rule E12: validation is complete before anything is applied, so a rejected write has nothing to undo.
}

function entityNotFound(operation: Operation, id: string): Entity {
  throw new ProviderError("resourceNotFound", `no ${operation.type} has the id ${JSON.stringify(id)}`, "id");
}

/** The members of a body without its `@odata.type`, which the provider derives itself. */
function membersOf(body: EntityBody): Record<string, unknown> {
  const members: Record<string, unknown> = {};
  for (const name of Object.keys(body)) if (name !== "@odata.type") members[name] = body[name];
  return members;
}

function applyPatch(current: Entity, body: EntityBody): Entity {
  return { ...current, ...membersOf(body), id: current.id };
}

function newId(): string {
  return randomUUID();
}

function createEntity(id: string, body: EntityBody): Entity {
  return { id, ...membersOf(body) };
}

/** Date-times are echoed exactly as sent: the same text is trivially the same instant (P7). */
function serializeEntity(entity: Entity, operation: Operation): Record<string, unknown> {
  return { "@odata.type": resourceTypes()[operation.type].odataType, ...entity };
}

function successStatus(operation: Operation): number {
  return operation.successStatus;
}

function location(url: string): string {
  return url;
}

const JSON_UTF8 = "application/json; charset=utf-8";

function contentType(): string {
  return JSON_UTF8;
}

function errorStatus(error: ProviderError): number {
  return error.status;
}

/** The default of every policy: the provider that keeps every rule. */
export const defaultBehaviour: Readonly<ProviderBehaviour> = Object.freeze({
  authenticate,
  parseBody,
  validateBody,
  validateBodyId,
  rejectBody,
  rejectedWrite,
  entityNotFound,
  applyPatch,
  newId,
  createEntity,
  serializeEntity,
  successStatus,
  location,
  contentType,
  errorStatus,
  errorBody: graphErrorBody,
});

export function composeBehaviour(overrides: Partial<ProviderBehaviour> = {}): ProviderBehaviour {
  return { ...defaultBehaviour, ...overrides };
}
