/**
 * The one place for the safety limits of a run against a live target, so the CLI
 * options, their help text and the modules that enforce them agree.
 */

/** `--timeout-ms`: one request, from sending to the last byte of the body. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/** `--max-run-ms`: the whole run; a run that reaches it stops and is marked incomplete. */
export const DEFAULT_MAX_RUN_MS = 10 * 60_000;

/** Retries of one request answered 429 or 503. */
export const DEFAULT_MAX_RETRIES = 3;

/** The longest the runner waits before one retry; a longer `Retry-After` ends the retries. */
export const DEFAULT_MAX_RETRY_WAIT_MS = 30_000;

/** The wait before a retry when a 429/503 carries no usable `Retry-After`: doubled per retry. */
export const DEFAULT_RETRY_BACKOFF_MS = 1_000;

/** The longest one request can take with its 429/503 retries and the waits between them. */
export function longestRequestMs(timeoutMs: number): number {
  return timeoutMs * (DEFAULT_MAX_RETRIES + 1) + DEFAULT_MAX_RETRY_WAIT_MS * DEFAULT_MAX_RETRIES;
}

/** After Ctrl-C the run must have stopped and written its reports within this time. */
export const INTERRUPT_DEADLINE_MS = 2_000;

/** A run still going this long after Ctrl-C is ended without its reports: early enough to keep the deadline. */
export const INTERRUPT_WATCHDOG_MS = 1_500;

/** After a stop, tearing down the entities set up on the target may take this long, so Ctrl-C still ends in time. */
export const INTERRUPT_TEARDOWN_TIMEOUT_MS = 1_000;
