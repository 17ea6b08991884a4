import { resourceTypes } from "../catalog";
import { defaultBehaviour, graphErrorBody } from "../provider";
import { sampleEntity } from "../provider/samples";
import type { RuleId } from "../rules";
import {
  accepting,
  answering,
  answeringDateTimes,
  answeringErrorBody,
  answeringStatus,
  dateTimeParts,
  hasNumericOffset,
  isDerived,
  memberShapes,
  mapStrings,
  recoveringMalformedJson,
  refusingBodies,
  refusingMembers,
  without,
  type Override,
} from "./policies";
import type { Fault } from "./types";
import { isObject } from "../isObject";
import { INT32_MAX } from "../schemas/model";

/**
 * The faulty providers: each is the reference provider with ONE policy overridden
 * so that it breaks one rule of ../shared/rules.md. `verify` against each must exit
 * 1 with a failure under (at least) every rule the fault `breaks`
 * (`npm run faults`, specs/faults/).
 */

function fault(name: string, breaks: readonly [RuleId, ...RuleId[]], description: string, behaviour: Override): Fault {
  return { name, breaks, description, provider: { behaviour } };
}

/** An RFC 3339 date-time with its offset left out. */
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/;

export const faults: readonly Fault[] = [
  // P1: the answer of a valid PATCH.
  fault("patch-answers-204", ["P1"], "a valid PATCH answers 204 No Content instead of 200 with the entity", {
    successStatus: (operation) => (operation.method === "PATCH" ? 204 : defaultBehaviour.successStatus(operation)),
  }),
  fault(
    "derived-type-without-odata-type",
    ["P1", "P3"],
    "runGroup and outgoingFlowRun answers leave @odata.type out (a POST answer is 'as in P1', so P3 breaks too)",
    answering((answer, operation) => (isDerived(operation) ? without(answer, "@odata.type") : answer)),
  ),
  fault(
    "derived-type-named-as-base",
    ["P1"],
    "an outgoingFlowRun answer names the base type #microsoft.graph.industryData.run",
    answering((answer, operation) => (operation.type === "industryData.outgoingFlowRun" ? { ...answer, "@odata.type": resourceTypes()["industryData.run"].odataType } : answer)),
  ),
  fault(
    "wrong-odata-type",
    ["P1"],
    "an identityGovernance run answer names another type, #microsoft.graph.identityGovernance.workflow",
    answering((answer, operation) => (operation.type === "identityGovernance.run" ? { ...answer, "@odata.type": "#microsoft.graph.identityGovernance.workflow" } : answer)),
  ),
  fault("patch-ignores-display-name", ["P1"], "a PATCH answers 200 but does not apply displayName: the old value comes back", {
    applyPatch: (current, body, operation) => defaultBehaviour.applyPatch(current, without(body, "displayName"), operation),
  }),
  fault(
    "patch-answer-id-not-path-id",
    ["P1"],
    "a PATCH answer names the entity by a qualified key (industryData.run/ID), not the ID in the path",
    answering((answer, operation) => (operation.method === "PATCH" ? { ...answer, id: `${operation.type}/${String(answer.id)}` } : answer)),
  ),
  fault("path-id-in-body-refused", ["P1"], "a PATCH body that carries the entity's own id (an SDK's read-modify-write) is refused with 400 as read-only", {
    validateBodyId: (_operation, _pathId, body) => (isObject(body) && "id" in body ? [{ path: "$.id", rule: "E8", message: "id is read-only", keyword: "fault" }] : []),
  }),
  fault("patch-answer-as-text-plain", ["P1"], "a valid PATCH's 200 carries Content-Type: text/plain (the body is still JSON)", {
    contentType: (kind, status) => (kind === "entity" && status === 200 ? "text/plain; charset=utf-8" : defaultBehaviour.contentType(kind, status)),
  }),

  // P2: PATCH is partial.
  fault("patch-resets-unsent-members", ["P2"], "a PATCH puts every member it does not send back to its initial value", {
    applyPatch: (current, body, operation) => defaultBehaviour.applyPatch(sampleEntity(operation.type, current.id), body, operation),
  }),
  fault("patch-replaces-entity", ["P2"], "a PATCH replaces the entity like a PUT: members it does not send are gone", {
    applyPatch: (current, body, operation) => defaultBehaviour.applyPatch({ id: current.id }, body, operation),
  }),
  fault("id-in-body-replaces-entity", ["P2"], "a PATCH body that carries the path id is taken as the whole entity (a full replace): members it does not send are gone", {
    applyPatch: (current, body, operation) => defaultBehaviour.applyPatch("id" in body ? { id: current.id } : current, body, operation),
  }),

  // P3: a valid POST.
  fault("post-answers-200", ["P3"], "a valid POST answers 200 instead of 201", {
    successStatus: (operation) => (operation.method === "POST" ? 200 : defaultBehaviour.successStatus(operation)),
  }),
  fault(
    "post-answer-without-id",
    ["P3"],
    "a POST answer leaves the id of the created entity out",
    answering((answer, operation) => (operation.method === "POST" ? without(answer, "id") : answer)),
  ),
  fault(
    "created-entity-not-patchable",
    ["P3"],
    "a POST answers the new id in braces ({uuid}) while it stores it bare: a PATCH of the answered id is a 404",
    answering((answer, operation) => (operation.method === "POST" ? { ...answer, id: `{${String(answer.id)}}` } : answer)),
  ),
  fault("created-entity-loses-members", ["P3"], "a POST answers 201 but keeps only the id and displayName of what it was sent", {
    createEntity: (id, body, operation) => defaultBehaviour.createEntity(id, { displayName: body.displayName }, operation),
  }),

  // P4: distinct ids.
  fault("post-repeats-id", ["P4"], "every POST creates its entity under the same id", { newId: () => "run-group-1" }),

  // P5: with and without @odata.type.
  fault(
    "odata-type-in-body-refused",
    ["P5"],
    "a body that carries @odata.type (even the canonical one) is refused with 400",
    refusingBodies("E11", (body) => ("@odata.type" in body ? "@odata.type is not accepted in a request body" : undefined)),
  ),
  fault(
    "odata-type-required-in-body",
    ["P5"],
    "a body without @odata.type is refused with 400",
    refusingBodies("E10", (body) => ("@odata.type" in body ? undefined : "@odata.type is required")),
  ),
  fault(
    "odata-type-without-hash-refused",
    ["P5"],
    "@odata.type without its leading # (microsoft.graph.…) is refused with 400",
    refusingBodies("E11", (body) => (typeof body["@odata.type"] === "string" && !body["@odata.type"].startsWith("#") ? "@odata.type must start with #" : undefined)),
  ),

  // P6: every enum member.
  fault(
    "enum-member-refused",
    ["P6"],
    "the runStatus member completedWithWarnings (a documented one) is refused with 400",
    refusingMembers("E4", (value, shape) => (shape.kind === "enum" && value === "completedWithWarnings" ? "completedWithWarnings is not a run status" : undefined)),
  ),

  // P7: offset date-times.
  fault(
    "offset-date-time-refused",
    ["P7"],
    "a date-time with a numeric offset (+01:00) is refused with 400; only Z is accepted",
    refusingMembers("E7", (value, shape) => (shape.kind === "dateTime" && typeof value === "string" && hasNumericOffset(value) ? "only UTC (Z) date-times are accepted" : undefined)),
  ),
  fault(
    "offset-date-time-echoed-as-utc-wall-clock",
    ["P7"],
    "a date-time sent with an offset comes back with the same wall clock and Z: another instant",
    answeringDateTimes((text) => {
      const parts = dateTimeParts(text);
      return parts && hasNumericOffset(text) ? `${parts.wallClock}${parts.fraction ? `.${parts.fraction}` : ""}Z` : text;
    }),
  ),

  // P8: Int32 boundaries.
  fault(
    "int32-max-refused",
    ["P8"],
    "2147483647, the largest Int32, is refused with 400 (an off-by-one range check)",
    refusingMembers("E6", (value, shape) => (shape.kind === "int32" && value === INT32_MAX ? "the value is out of range" : undefined)),
  ),
  fault(
    "int32-zero-refused",
    ["P8"],
    "0 is refused with 400 for an Int32 count",
    refusingMembers("E6", (value, shape) => (shape.kind === "int32" && value === 0 ? "a count must be positive" : undefined)),
  ),

  // P9: non-ASCII text.
  fault(
    "non-ascii-replaced",
    ["P9"],
    "every non-ASCII character of an answer comes back as ? (a Latin-1 round trip)",
    answering((answer) => mapStrings(answer, (text) => text.replace(/[^\x00-\x7f]/gu, "?")) as Record<string, unknown>),
  ),
  fault(
    "non-ascii-decomposed",
    ["P9"],
    "text comes back Unicode-decomposed (NFD): looks the same, other bytes (ü → u + U+0308)",
    answering((answer) => mapStrings(answer, (text) => text.normalize("NFD")) as Record<string, unknown>),
  ),

  // P10: null for nullable members.
  fault(
    "null-for-nullable-refused",
    ["P10"],
    "null is refused with 400 for the members rules.md marks nullable",
    refusingMembers("E13", (value, _shape, name, operation) => (value === null && resourceTypes()[operation.type].nullableMembers.includes(name) ? "null is not allowed" : undefined)),
  ),
  fault(
    "null-members-left-out-of-answer",
    ["P10"],
    "a member set to null is accepted but left out of the answer instead of echoed as null",
    answering((answer) => Object.fromEntries(Object.entries(answer).filter(([, value]) => value !== null))),
  ),

  // E1: authentication.
  fault("no-auth-check", ["E1"], "a request without Authorization is let in and applied", { authenticate: () => undefined }),
  fault("missing-auth-answered-403", ["E1"], "a request without Authorization is answered 403 instead of 401", answeringStatus("unauthenticated", 403)),
  fault("basic-auth-accepted", ["E1"], "an Authorization header of another scheme (Basic dXNlcjpwYXNz) is let in, as if any credentials would do", {
    authenticate: (authorization) => (/^Basic /i.test(authorization ?? "") ? undefined : defaultBehaviour.authenticate(authorization)),
  }),
  fault("empty-bearer-token-accepted", ["E1"], "Authorization: Bearer with an empty token is let in: only the scheme is checked", {
    authenticate: (authorization) => (/^Bearer\s*$/i.test(authorization ?? "") ? undefined : defaultBehaviour.authenticate(authorization)),
  }),
  fault("auth-error-as-text-plain", ["E1"], "the 401 carries Content-Type: text/plain (the body is still the Graph error)", {
    contentType: (kind, status) => (kind === "error" && status === 401 ? "text/plain; charset=utf-8" : defaultBehaviour.contentType(kind, status)),
  }),

  // E2: malformed JSON.
  fault("malformed-json-accepted", ["E2"], "malformed JSON is read as an empty object: a PATCH of it answers 200", recoveringMalformedJson(() => ({}))),
  fault(
    "trailing-comma-accepted",
    ["E2"],
    "a lenient parser reads JSON with a trailing comma ({\"a\": 1,}) as if it were valid",
    recoveringMalformedJson((text, contentType) => defaultBehaviour.parseBody(text.replace(/,(\s*[}\]])/g, "$1"), contentType)),
  ),
  fault("empty-json-body-accepted", ["E2"], "an empty body sent as application/json is read as an empty object: a PATCH of it answers 200", {
    parseBody: (text, contentType) => (text.trim() === "" ? {} : defaultBehaviour.parseBody(text, contentType)),
  }),
  fault("malformed-json-answered-500", ["E2"], "malformed JSON is answered 500, a server error for bad input", answeringStatus("malformedJson", 500)),

  // E3: the media type.
  fault("text-plain-read-as-json", ["E3"], "a body sent as text/plain is read as JSON and applied", {
    parseBody: (text) => defaultBehaviour.parseBody(text, "application/json"),
  }),

  // E4: enum values.
  fault("invalid-enum-accepted", ["E4"], "an enum value outside the documented members is accepted", accepting("E4")),
  fault(
    "invalid-enum-error-as-problem-details",
    ["E4"],
    "an invalid enum value is answered 400 with an RFC 7807 problem body instead of the Graph error body",
    answeringErrorBody("invalidEnumValue", (error) => ({ type: "about:blank", title: "Bad Request", status: 400, detail: error.message })),
  ),

  // E5–E8, E10, E11, E13: schema violations accepted.
  fault("wrong-json-type-accepted", ["E5"], "a member of the wrong JSON type (displayName: 123) is accepted", accepting("E5")),
  fault("int32-out-of-range-accepted", ["E6"], "an Int32 out of range or not an integer (2147483648, 3.5) is accepted", accepting("E6")),
  fault(
    "int32-lower-bound-unchecked",
    ["E6"],
    "an Int32 range check of the upper bound only: -2147483649 is accepted",
    accepting("E6", (violation) => violation.keyword === "minimum"),
  ),
  fault("invalid-date-time-accepted", ["E7"], "an invalid date-time (\"yesterday\") is accepted", accepting("E7")),
  fault(
    "date-time-without-offset-accepted",
    ["E7"],
    "a date-time without Z or an offset (2026-03-01T10:00:00) is accepted, read as UTC",
    {
      validateBody(operation, body) {
        const shapes = memberShapes(operation);
        const completed = isObject(body)
          ? Object.fromEntries(Object.entries(body).map(([name, value]) => [name, shapes.get(name)?.kind === "dateTime" && typeof value === "string" && LOCAL_DATE_TIME.test(value) ? `${value}Z` : value]))
          : body;
        return defaultBehaviour.validateBody(operation, completed);
      },
    },
  ),
  fault(
    "invalid-date-time-error-without-code",
    ["E7"],
    "an invalid date-time is answered 400 with an empty error.code",
    answeringErrorBody("invalidDateTime", (error, requestId) => {
      const body = graphErrorBody(error, requestId);
      return { error: { ...body.error, code: "" } };
    }),
  ),
  fault("unknown-member-accepted", ["E8"], "a member the type does not have is accepted (and stored)", accepting("E8")),
  fault("foreign-id-in-patch-accepted", ["E8"], "a PATCH body whose id is not the path id is accepted (the id is ignored)", { validateBodyId: () => [] }),
  fault("id-in-post-accepted", ["E8"], "a POST body that carries an id is accepted (the server assigns its own)", accepting("E8", (violation) => violation.path === "$.id")),
  fault("missing-required-member-accepted", ["E10"], "a POST without a required member (statistics, …) creates the entity", accepting("E10")),
  fault("foreign-odata-type-accepted", ["E11"], "@odata.type naming another type is accepted", accepting("E11")),
  fault(
    "null-for-non-nullable-accepted",
    ["E13"],
    "null is accepted for a member that is not nullable",
    // A null body is first of all not an object (E14); only null members are let through.
    accepting("E13", (violation) => violation.path !== "$"),
  ),

  // E9: unknown ids.
  fault("patch-unknown-id-upserts", ["E9"], "a PATCH of an unknown id creates the entity and answers 200", {
    entityNotFound: (operation, id) => sampleEntity(operation.type, id),
  }),
  fault("unknown-id-answered-400", ["E9"], "a PATCH of an unknown id is answered 400 instead of 404", answeringStatus("resourceNotFound", 400)),

  // E12: a rejected write changes nothing.
  fault("rejected-write-partly-applied", ["E12"], "a rejected PATCH still applies the members of its body that are valid on their own", {
    rejectedWrite({ operation, id, body, store }) {
      const current = id === undefined ? undefined : store.get(operation.type, id);
      if (!current || !isObject(body)) return;
      const valid = Object.fromEntries(Object.entries(body).filter(([name, value]) => defaultBehaviour.validateBody(operation, { [name]: value }).length === 0));
      store.put(operation.type, defaultBehaviour.applyPatch(current, valid, operation));
    },
  }),

  // E14: bodies that are not objects.
  fault("non-object-body-accepted", ["E14"], "a JSON body that is not an object ([], \"x\", 42) is read as an empty object", {
    parseBody(text, contentType) {
      const value = defaultBehaviour.parseBody(text, contentType);
      return isObject(value) ? value : {};
    },
  }),
  fault("non-object-body-crashes", ["E14"], "a JSON body that is not an object makes the server fail with 500", {
    validateBody(operation, body) {
      if (!isObject(body)) throw new TypeError("Cannot read the members of a body that is not an object");
      return defaultBehaviour.validateBody(operation, body);
    },
  }),
];
