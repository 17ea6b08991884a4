import type { RuleId } from "../rules";
import type { SchemaViolation, ViolationRule } from "../schemas/violations";

/**
 * The `error.code` of every answer the reference provider can give, with its
 * status and the rule of rules.md it enforces. The codes are stable: checks, specs
 * and users may match on them.
 */
export const errorCodes = {
  unauthenticated: { status: 401, rule: "E1" },
  malformedJson: { status: 400, rule: "E2" },
  unsupportedMediaType: { status: 415, rule: "E3" },
  invalidEnumValue: { status: 400, rule: "E4" },
  invalidMemberType: { status: 400, rule: "E5" },
  invalidInt32: { status: 400, rule: "E6" },
  invalidDateTime: { status: 400, rule: "E7" },
  unknownMember: { status: 400, rule: "E8" },
  resourceNotFound: { status: 404, rule: "E9" },
  missingRequiredMember: { status: 400, rule: "E10" },
  odataTypeMismatch: { status: 400, rule: "E11" },
  nullNotAllowed: { status: 400, rule: "E13" },
  bodyNotAnObject: { status: 400, rule: "E14" },
  /** A `__proto__` or `constructor.prototype` member anywhere in the body. */
  forbiddenMember: { status: 400, rule: "E8" },
  requestBodyTooLarge: { status: 413, rule: undefined },
  routeNotFound: { status: 404, rule: undefined },
  methodNotAllowed: { status: 405, rule: undefined },
  unknownProviderState: { status: 400, rule: undefined },
  invalidProviderStateRequest: { status: 400, rule: undefined },
  requestHeadersTooLarge: { status: 431, rule: undefined },
  requestTimeout: { status: 408, rule: undefined },
  /** Any other request the HTTP layer refuses (bad URL, wrong Content-Length, header overflow …). */
  badRequest: { status: 400, rule: undefined },
  internalServerError: { status: 500, rule: undefined },
} as const satisfies Record<string, { status: number; rule: RuleId | undefined }>;

export type ErrorCode = keyof typeof errorCodes;

/** One entry of `error.details`: a single offending value of the body. */
export interface ErrorDetail {
  code: string;
  message: string;
  target: string;
}

/** An answer other than success, before it is shaped into the Graph error body. */
export class ProviderError extends Error {
  readonly status: number;
  readonly rule: RuleId | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly target?: string,
    readonly details: readonly ErrorDetail[] = [],
    /** Extra response headers, e.g. `Allow` on a 405. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = "ProviderError";
    this.status = errorCodes[code].status;
    this.rule = errorCodes[code].rule;
  }
}

const codeOfViolationRule: Record<ViolationRule, ErrorCode> = {
  E4: "invalidEnumValue",
  E5: "invalidMemberType",
  E6: "invalidInt32",
  E7: "invalidDateTime",
  E8: "unknownMember",
  E10: "missingRequiredMember",
  E11: "odataTypeMismatch",
  E13: "nullNotAllowed",
  E14: "bodyNotAnObject",
  // A request schema never asks for what P1 checks in responses; if it ever does, the body is simply invalid.
  P1: "invalidMemberType",
};

/** The code a schema violation of a request body answers with. */
export function errorCodeOfViolation(violation: SchemaViolation): ErrorCode {
  return codeOfViolationRule[violation.rule];
}

/**
 * One rejection for a whole body: the first violation names the code, the message
 * and the target; every violation is listed in `details`.
 */
export function rejectionOf(violations: readonly SchemaViolation[]): ProviderError {
  const [first] = violations;
  if (first === undefined) throw new Error("rejectionOf needs at least one violation");
  const details = violations.map((violation) => ({ code: errorCodeOfViolation(violation), message: violation.message, target: violation.path }));
  const more = violations.length > 1 ? ` (and ${violations.length - 1} more, see details)` : "";
  return new ProviderError(errorCodeOfViolation(first), `${first.path}: ${first.message}${more}`, first.path, details);
}

/** The Graph error body of rules.md §4. */
export interface GraphErrorBody {
  error: {
    code: string;
    message: string;
    target?: string;
    details?: ErrorDetail[];
    innerError: { rule?: string; "request-id": string; date: string };
  };
}

export function graphErrorBody(error: ProviderError, requestId: string): GraphErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.target !== undefined ? { target: error.target } : {}),
      ...(error.details.length > 0 ? { details: [...error.details] } : {}),
      innerError: { ...(error.rule ? { rule: error.rule } : {}), "request-id": requestId, date: new Date().toISOString() },
    },
  };
}

interface FrameworkError {
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
}

/**
 * Names any error thrown while answering: ours as they are, fastify's by their
 * `FST_ERR_*` code, any other 4xx as a bad request, and the rest as a 500 (which a
 * correct provider never gives; the fuzz spec holds it to that).
 */
export function classifyError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  const { code, statusCode } = (error ?? {}) as FrameworkError;
  switch (code) {
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new ProviderError("unsupportedMediaType", "the body must be sent as application/json");
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new ProviderError("requestBodyTooLarge", "the request body is larger than the provider accepts");
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new ProviderError("malformedJson", "the body is empty, which is not valid JSON");
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return new ProviderError("badRequest", "Content-Length does not match the body that was sent");
    case "FST_ERR_BAD_URL":
      return new ProviderError("badRequest", "the URL is not validly percent-encoded");
    case "FST_ERR_MAX_PARAM_LENGTH":
      return new ProviderError("resourceNotFound", "no entity has an id that long");
  }
  if (typeof statusCode === "number" && statusCode >= 400 && statusCode < 500) {
    return new ProviderError("badRequest", "the request could not be read");
  }
  return new ProviderError("internalServerError", "the provider failed to answer this request");
}
