import { createHash } from "node:crypto";
import type { TemplateHeaders } from "@pact-foundation/pact/src/v3/types";
import { operationPath, operationsOfProvider, resourceTypes, type Operation, type ProviderName } from "../catalog";
import type { RuleId } from "../rules";
import type { SchemaRegistry } from "../schemas/registry";
import { exampleFor, membersNotSent, outOfEnumExampleFor, unknownMemberFor, type JsonValue } from "./examples";
import { anyString, bearerToken, dateTime, jsonContentType, nonEmptyString } from "./matchers";
import { requestMembers, type Member } from "../schemas/model";
import { formatDescription } from "./description";

/** The Pact consumer every contract names. */
export const CONSUMER = "graph-run-client";

type JsonObject = { [member: string]: JsonValue };

/** One Pact interaction as plain data: matchers are pact-js matcher objects, so any builder can take it. */
export interface ContractInteraction {
  /** `<rule> <operation id>: <what>`, unique within its contract (see description.ts). */
  description: string;
  rule: RuleId;
  operation: Operation;
  /** rules.md §5: the state that makes the entity of a PATCH exist, its id in `params`. */
  providerState?: { name: string; params: { id: string } };
  request: { method: Operation["method"]; path: string; headers: TemplateHeaders; body: JsonObject };
  response: { status: number; headers: TemplateHeaders; body: unknown };
}

/**
 * A GUID-shaped id (Graph ids are GUIDs) derived from a text, so every interaction
 * gets its own entity id, the same one on every run.
 */
export function stableId(seed: string): string {
  const hex = createHash("sha256").update(seed).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function requestHeaders(withAuthorization: boolean): TemplateHeaders {
  return withAuthorization
    ? { Authorization: bearerToken(), "Content-Type": "application/json" }
    : { "Content-Type": "application/json" };
}

/** The body a server must answer with: sent members echoed (date-times as any RFC 3339 date-time), extra members allowed by Pact. */
function echoedEntity(operation: Operation, members: readonly Member[], body: JsonObject, id: unknown): Record<string, unknown> {
  const type = resourceTypes()[operation.type];
  const entity: Record<string, unknown> = { id };
  // P1: only the derived types must name themselves; the others may use minimal metadata.
  if (type.odataTypeRequiredInResponse) entity["@odata.type"] = type.odataType;
  for (const [name, value] of Object.entries(body)) {
    if (name === "@odata.type") continue;
    const shape = members.find((member) => member.name === name)?.shape;
    entity[name] = shape?.kind === "dateTime" && typeof value === "string" ? dateTime(value) : value;
  }
  return entity;
}

const errorExamples = {
  400: { code: "BadRequest", message: "The request body is not valid for this resource." },
  401: { code: "InvalidAuthenticationToken", message: "Access token is empty." },
  404: { code: "ResourceNotFound", message: "The resource with the given id does not exist." },
} as const;

/** rules.md §4: a JSON Graph error body; the code is checked for shape only, since the rules do not fix its value. */
function errorResponse(status: keyof typeof errorExamples): ContractInteraction["response"] {
  const example = errorExamples[status];
  return {
    status,
    headers: { "Content-Type": jsonContentType() },
    body: { error: { code: nonEmptyString(example.code), message: anyString(example.message) } },
  };
}

interface Case {
  rule: RuleId;
  what: string;
  body: JsonObject;
  /** Omitted for E1 only. */
  authorized?: false;
  /** PATCH: whether the provider state creates the path's entity (false for E9). */
  entityExists?: false;
  /** PATCH: the body also carries the path id as `id`, as an SDK's read-modify-write does (rules.md §2). */
  carriesPathId?: true;
  expect: "success" | 400 | 401 | 404;
}

function withMember(body: JsonObject, name: string, value: JsonValue): JsonObject {
  return { ...body, [name]: value };
}

function withoutMember(body: JsonObject, name: string): JsonObject {
  return Object.fromEntries(Object.entries(body).filter(([member]) => member !== name));
}

/** The cases of one operation, in a fixed order: positives first, then the E rules by number. */
function casesOf(operation: Operation, members: readonly Member[]): Case[] {
  const type = resourceTypes()[operation.type];
  const memberNamed = (name: string): Member => {
    const member = members.find((candidate) => candidate.name === name);
    if (!member) throw new Error(`${operation.id}: the required member ${name} is not a member the request schema lets a body send`);
    return member;
  };
  const exampleBody = (names: readonly string[]): JsonObject => Object.fromEntries(names.map((name) => [name, exampleFor(memberNamed(name))]));
  const full: JsonObject = { "@odata.type": type.odataType, ...exampleBody(members.map((member) => member.name)) };
  const enumMembers = members.filter((member): member is Member & { shape: { kind: "enum" } } => member.shape.kind === "enum");
  const unknownMember = unknownMemberFor(members);
  const cases: Case[] = [];
  let smallest: JsonObject;
  if (operation.method === "POST") {
    smallest = exampleBody(operation.requiredMembers);
    cases.push(
      { rule: "P3", what: "a full valid body creates the entity, answered 201 with every member echoed", body: full, expect: "success" },
      { rule: "P3", what: `a body of only the required members (${operation.requiredMembers.join(", ")}) creates the entity`, body: smallest, expect: "success" },
    );
  } else {
    // P2 sends one member a server must echo exactly (a string or an enum, not a date-time).
    const single = members.find((member) => member.shape.kind === "string" || member.shape.kind === "enum");
    if (!single) throw new Error(`${operation.id}: the request schema has no string or enum member for the one-member body`);
    smallest = exampleBody([single.name]);
    cases.push(
      { rule: "P1", what: "a full valid body is answered 200 with every member echoed", body: full, expect: "success" },
      { rule: "P2", what: `a one-member body (${single.name}) is a partial update, answered 200 with that member echoed`, body: smallest, expect: "success" },
      { rule: "P1", what: `a body that carries the path id as id (${single.name} and id, as an SDK sends a model it read) is answered 200`, body: smallest, carriesPathId: true, expect: "success" },
    );
  }
  cases.push({ rule: "E1", what: "a request without an Authorization header is answered 401", body: smallest, authorized: false, expect: 401 });
  for (const member of enumMembers) {
    const value = outOfEnumExampleFor(member);
    cases.push({ rule: "E4", what: `${member.name} ${JSON.stringify(value)}, outside the enum, is answered 400`, body: withMember(smallest, member.name, value), expect: 400 });
  }
  cases.push({
    rule: "E8",
    what: `the unknown member "${unknownMember.name}" is answered 400`,
    body: withMember(smallest, unknownMember.name, unknownMember.value),
    expect: 400,
  });
  if (operation.method === "PATCH") {
    cases.push({ rule: "E9", what: "an id that does not exist is answered 404", body: smallest, entityExists: false, expect: 404 });
  }
  for (const required of operation.requiredMembers) {
    cases.push({ rule: "E10", what: `a body without the required member ${required} is answered 400`, body: withoutMember(smallest, required), expect: 400 });
  }
  return cases;
}

function interactionOf(operation: Operation, members: readonly Member[], testCase: Case): ContractInteraction {
  const description = formatDescription({ rule: testCase.rule, operationId: operation.id, what: testCase.what });
  const id = operation.method === "PATCH" ? stableId(description) : undefined;
  // E9 names no state: its id is derived from its own description, so no state of any interaction creates it.
  const providerState = id !== undefined && testCase.entityExists !== false ? { name: operation.providerState!, params: { id } } : undefined;
  const body = testCase.carriesPathId && id !== undefined ? { ...testCase.body, id } : testCase.body;
  const response =
    testCase.expect === "success"
      ? {
          status: operation.successStatus,
          headers: { "Content-Type": jsonContentType() },
          body: echoedEntity(operation, members, body, id ?? nonEmptyString(stableId(`created by ${description}`))),
        }
      : errorResponse(testCase.expect);
  return {
    description,
    rule: testCase.rule,
    operation,
    ...(providerState ? { providerState } : {}),
    request: { method: operation.method, path: operationPath(operation, id), headers: requestHeaders(testCase.authorized !== false), body },
    response,
  };
}

/** Every interaction of one operation, built from its request schema and the manifest. */
export function operationInteractions(registry: SchemaRegistry, operation: Operation): ContractInteraction[] {
  const members = requestMembers(registry, operation.requestSchema).filter((member) => !Object.hasOwn(membersNotSent, member.name));
  return casesOf(operation, members).map((testCase) => interactionOf(operation, members, testCase));
}

/** The interactions of one provider's contract, operations in manifest order. */
export function contractInteractions(registry: SchemaRegistry, provider: ProviderName): ContractInteraction[] {
  return operationsOfProvider(provider).flatMap((operation) => operationInteractions(registry, operation));
}
