import { defaultBehaviour, graphErrorBody, ProviderError } from "../provider";
import { answering, answeringDateTimes, answeringStatus, dateTimeParts, isDerived, refusingMembers, without, type Override } from "./policies";
import type { Variant } from "./types";

/**
 * Allowed variants: servers that differ from the reference provider only in ways
 * ../shared/rules.md allows. `verify` against each must exit 0; a failure is a
 * false alarm of the suite (`npm run faults`, specs/faults/).
 */

function variant(name: string, allowedBy: string, description: string, behaviour: Override): Variant {
  return { name, allowedBy, description, provider: { behaviour } };
}

/**
 * The same instant in UTC as `+00:00` with 7 fractional digits, as Graph writes
 * date-times (e.g. `2026-03-01T09:00:00.0000000+00:00`). A fraction finer than 7
 * digits is not kept, as on Graph.
 */
export function asGraphUtc(text: string): string {
  const parts = dateTimeParts(text);
  const millis = parts && Date.parse(`${parts.wallClock}${parts.offset.toUpperCase()}`);
  if (!parts || millis === undefined || Number.isNaN(millis)) return text;
  return `${new Date(millis).toISOString().slice(0, 19)}.${parts.fraction.padEnd(7, "0").slice(0, 7)}+00:00`;
}

let nextNumber = 0;
/** A process-wide counter: ids stay distinct across servers and POSTs (rule P4). */
function nextCount(): number {
  nextNumber += 1;
  return nextNumber;
}

/** Characters that must be percent-encoded in a path segment, yet make a valid id. */
const URL_UNSAFE = "run/1 ?#&%+=;ü";

const GRAPH_MEDIA_TYPE = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

const VARIANT_TOKEN = "faults-variant-token";

export const variants: readonly Variant[] = [
  variant(
    "date-times-as-utc-seven-digits",
    "P1/P7: date-times are compared as instants",
    "every date-time comes back in UTC as +00:00 with 7 fractional digits (2026-03-01T09:00:00.0000000+00:00), the same instant",
    answeringDateTimes(asGraphUtc),
  ),
  variant(
    "extra-response-members",
    "§2: responses may carry members not listed (ignore unknown members)",
    "answers carry @odata.context, @odata.etag and a createdDateTime the types do not list",
    answering((answer, operation) => ({
      "@odata.context": `https://graph.microsoft.com/beta/$metadata#${operation.path.split("/")[1]}/$entity`,
      "@odata.etag": 'W/"JzEtMDAwMDAwMDAn"',
      ...answer,
      createdDateTime: "2026-01-01T00:00:00Z",
    })),
  ),
  variant(
    "minimal-metadata",
    "P1: @odata.type may be left out for industryData run and identityGovernance run",
    "industryData run and identityGovernance run answers leave @odata.type out (the derived types keep it)",
    answering((answer, operation) => (isDerived(operation) ? answer : without(answer, "@odata.type"))),
  ),
  variant("wrong-media-type-answered-400", "E3: 400 or 415", "a body sent as text/plain is answered 400 (the reference answers 415)", answeringStatus("unsupportedMediaType", 400)),
  variant(
    "rich-error-body",
    "§4: innerError and other members allowed in the error body",
    "errors carry more: a nested innerError with client-request-id, a documentationUrl, an @odata.type",
    {
      errorBody(error, requestId) {
        const { error: graph } = graphErrorBody(error, requestId);
        return {
          error: {
            ...graph,
            "@odata.type": "#microsoft.graph.publicError",
            documentationUrl: "https://learn.microsoft.com/graph/errors",
            innerError: { ...graph.innerError, "client-request-id": requestId, innerError: { code: `${error.code}Detail` } },
          },
        };
      },
    },
  ),
  variant("minimal-error-body", "§4: only error.code and error.message are required", "errors carry only {error: {code, message}}", {
    errorBody: (error) => ({ error: { code: error.code, message: error.message } }),
  }),
  variant(
    "empty-body-answered-as-not-an-object",
    "E2: 400; the error code is not fixed by rules.md",
    "an empty application/json body is answered 400 with the code of a body that is not an object (bodyNotAnObject), not malformedJson",
    {
      parseBody(text, contentType) {
        if (text.trim() === "" && contentType.split(";")[0].trim().toLowerCase() === "application/json") throw new ProviderError("bodyNotAnObject", "the body must be a JSON object, and it is empty");
        return defaultBehaviour.parseBody(text, contentType);
      },
    },
  ),
  variant("no-location-header", "§3: a Location header on 201 is not checked", "a 201 carries no Location header (the reference sends one)", { location: () => undefined }),
  variant(
    "graph-media-type-parameters",
    "P1/§4: Content-Type application/json with parameters such as charset allowed",
    `every answer is ${GRAPH_MEDIA_TYPE}, as Graph sends it`,
    { contentType: () => GRAPH_MEDIA_TYPE },
  ),
  variant("reordered-entity-members", "JSON objects are unordered", "the members of an entity answer come in reverse order (@odata.type last)", {
    serializeEntity: (entity, operation) => reversed(defaultBehaviour.serializeEntity(entity, operation)),
  }),
  variant("reordered-error-members", "JSON objects are unordered", "the members of error.* come in reverse order (innerError first, code last)", {
    errorBody(error, requestId) {
      const { error: graph } = graphErrorBody(error, requestId);
      return { error: reversed({ ...graph }) };
    },
  }),
  variant("numeric-looking-ids", "P3: the id is a non-empty string", "POST assigns ids that look like numbers (\"10000000001\")", {
    newId: () => String(10_000_000_000 + nextCount()),
  }),
  variant("long-ids", "P3: the id is a non-empty string", "POST assigns 400-character ids", {
    newId: () => `${nextCount()}-`.padEnd(400, "x"),
  }),
  variant("url-unsafe-ids", "P3: the id is a non-empty string", `POST assigns ids with characters a path must encode (${JSON.stringify(URL_UNSAFE)}…)`, {
    newId: () => `${URL_UNSAFE}${nextCount()}`,
  }),
  variant(
    "unknown-future-value-refused",
    "§2: a server may accept or reject unknownFutureValue",
    "unknownFutureValue, the evolvable-enum sentinel, is refused with 400",
    refusingMembers("E4", (value, shape) => (shape.kind === "enum" && value === "unknownFutureValue" ? "unknownFutureValue cannot be set" : undefined)),
  ),
  {
    name: "path-prefix",
    allowedBy: "§1: the base URL may carry a path prefix",
    description: "every operation lives under /beta: the base URL is http://127.0.0.1:PORT/beta",
    provider: { prefix: "/beta" },
  },
  {
    name: "exact-token",
    allowedBy: "§6: the token given to verify is sent as Authorization: Bearer TOKEN",
    description: "only one bearer token is let in; verify is given it (GRAPH_CONFORMANCE_TOKEN)",
    provider: { token: VARIANT_TOKEN },
  },
];

function reversed(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).reverse());
}
