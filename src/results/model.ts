import type { OperationId } from "../catalog";
import type { RuleId } from "../rules";

/**
 * The results model of one conformance run. The runner writes it; every reporter
 * (console, JUnit, JSON, HTML) reads it and nothing else.
 */

export type CheckStatus = "passed" | "failed" | "skipped";

export interface RecordedRequest {
  method: string;
  url: string;
  /** Header names lower-case; the Authorization value is already redacted (`Bearer ***`). */
  headers: Record<string, string>;
  /** The body as sent, as text; absent when none was sent. */
  body?: string;
}

/**
 * The most of one body an exchange keeps, in bytes: a response is cut to it as it
 * arrives (the rest is counted, not kept), so a run against a target that answers
 * huge bodies stays within memory; reports show no more either.
 */
export const KEPT_BODY_BYTES = 64 * 1024;

export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  /** The body as received, as text, at most KEPT_BODY_BYTES of it (see `bodyTruncated`). */
  body: string;
  /** The body was longer than what is kept; `bodyBytes` says how long. */
  bodyTruncated?: boolean;
  /** Bytes of body received (counted up to the client's read cap). */
  bodyBytes?: number;
  durationMs: number;
}

/** One request of a check and what came back (nothing, when the request failed). */
export interface Exchange {
  /** When the request was sent (ISO 8601); the HAR needs it. */
  startedAt?: string;
  request: RecordedRequest;
  response?: RecordedResponse;
  /** A transport failure: timeout, reset, refused, TLS, size cap. */
  error?: string;
  /** Each 429/503 the client waited out before this answer, and why it stopped retrying. */
  retries?: string[];
}

/** The headers that find an exchange in the target's logs (rules.md §6). */
const TRACE_HEADERS = [
  ["client-request-id", "request"],
  ["request-id", "response"],
  ["client-request-id", "response"],
  ["date", "response"],
] as const;

/** `client-request-id` sent, the target's `request-id`, `client-request-id` and `Date`: those present, as "name: value". */
export function traceOf(exchange: Exchange): string[] {
  return TRACE_HEADERS.flatMap(([name, side]) => {
    const value = side === "request" ? exchange.request.headers[name] : exchange.response?.headers[name];
    return value === undefined ? [] : [`${side === "request" ? "sent " : ""}${name}: ${value}`];
  });
}

/** One check that failed, as the check reported it (src/checks/registry.ts ids; `pact_verification` for a Pact interaction). */
export interface FailedCheck {
  checkId: string;
  message: string;
}

/** The check id of a failed Pact interaction: the core's matching is one check. */
export const PACT_CHECK_ID = "pact_verification";

export interface CheckResult {
  /**
   * Stable for the same seed and version: a generated case's `<operation>/<rule>/<index>`,
   * a Pact interaction's `pact/<description>`. `--case` and `--rerun-failed` name checks by it.
   */
  id: string;
  /** `pact` for an interaction replayed by the Pact verifier; `conformance` for our own checks. */
  source: "pact" | "conformance";
  operationId: OperationId;
  /** The rule this check is evidence for; Pact interactions name the rule of their case where there is one. */
  ruleId?: RuleId;
  /** Human name: the Pact interaction description, or the check's name and case. */
  name: string;
  status: CheckStatus;
  /** Why it failed (or was skipped), in one or two sentences a user can act on. */
  message?: string;
  expected?: unknown;
  actual?: unknown;
  /** Each check that failed, with its id: a baseline may accept failures by check. */
  failures?: FailedCheck[];
  /** Set when a baseline entry accepts every failure of this check: it is shown, counted apart, and does not fail the run. */
  accepted?: { reason: string };
  exchanges: Exchange[];
  durationMs: number;
}

export interface OperationTarget {
  operationId: OperationId;
  method: string;
  /** The path used, after any `--path` override. */
  path: string;
  /** Set when the path was inferred rather than given by the page (rules.md §1). */
  inferredBecause?: string;
  /** Where the entity under test came from: the state URL, or a `--fixture` id. */
  entitySource?: "provider-state" | "fixture" | "created";
  /** The id of the entity the PATCHes wrote to: the only entity of its type the run touched. */
  entityId?: string;
}

export interface RunResults {
  tool: { name: string; version: string };
  target: {
    baseUrl: string;
    embedded: boolean;
    stateUrl?: string;
    operations: OperationTarget[];
  };
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  seed: number;
  casesPerRule: number;
  /** Set when the run stopped early (Ctrl-C, --max-failures, a time bound): why. */
  incomplete?: string;
  /** Where a finished run's time went (read by `npm run bench`); differs from run to run. */
  timings?: RunTimings;
  checks: CheckResult[];
  /** Requests that belong to no check: the reachability probe and the provider-state calls (the runner's and the Pact verifier's). */
  setupExchanges?: Exchange[];
  /** `--baseline`: the file, and its entries that no longer fail (stale) or are past their `expires`. */
  baseline?: BaselineOutcome;
}

/** One entry of a baseline file: failures of an operation and rule (and check) a server is known to have. */
export interface BaselineEntry {
  operationId: string;
  /** Absent for a Pact interaction that names no rule. */
  ruleId?: string;
  /** Absent: every check of the operation and rule. */
  checkId?: string;
  reason: string;
  /** YYYY-MM-DD: from the day after, the entry accepts nothing. */
  expires?: string;
}

export interface BaselineOutcome {
  file: string;
  stale: BaselineEntry[];
  expired: BaselineEntry[];
}

/** Milliseconds of the parts of a run. Pact and the conformance cases run side by side, so the parts may add up to more than the run. */
export interface RunTimings {
  /** From the run's start until checks begin: contracts read, provider started, cases generated, entities held. */
  preflightMs: number;
  /** The Pact worker, from its start to its mapped results. */
  pactMs: number;
  /** Every conformance case, sent and judged. */
  conformanceMs: number;
  /** Of `conformanceMs`, the time spent in the checks themselves (the registry's `judge`). */
  checksMs: number;
}

export interface RunSummary {
  total: number;
  passed: number;
  /** Failures no baseline entry accepts: these fail the run. */
  failed: number;
  skipped: number;
  /** Failures a baseline entry accepts: shown, counted apart, not failing. */
  accepted: number;
}

/** A check's outcome as the counts see it: a failure a baseline accepts is counted apart. */
export type CheckOutcome = CheckStatus | "accepted";

export function outcomeOf(check: CheckResult): CheckOutcome {
  return check.status === "failed" && check.accepted ? "accepted" : check.status;
}

export function summarize(checks: readonly CheckResult[]): RunSummary {
  const count = (outcome: CheckOutcome) => checks.filter((check) => outcomeOf(check) === outcome).length;
  return { total: checks.length, passed: count("passed"), failed: count("failed"), skipped: count("skipped"), accepted: count("accepted") };
}
