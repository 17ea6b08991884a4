import { type Clock, systemClock } from "./clock";
import { DEFAULT_MAX_RETRIES, DEFAULT_MAX_RETRY_WAIT_MS, DEFAULT_RETRY_BACKOFF_MS } from "./limits";

/**
 * 429 and 503 mean "not now": the runner waits as long as `Retry-After` asks and
 * tries again, a bounded number of times, and never waits longer than its cap or
 * than the run has left. A wait it will not make ends the retries, and the last
 * answer stands (so a check judges the 429/503 itself).
 */

export interface RetryPolicy {
  maxRetries: number;
  maxWaitMs: number;
  /** Wait when no usable Retry-After came; doubled on each retry. */
  backoffMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxRetries: DEFAULT_MAX_RETRIES,
  maxWaitMs: DEFAULT_MAX_RETRY_WAIT_MS,
  backoffMs: DEFAULT_RETRY_BACKOFF_MS,
};

const RETRYABLE_STATUSES = new Set([429, 503]);

/** RFC 9110 §10.2.3: delay-seconds or an HTTP-date. Undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Date.parse also reads bare numbers and other loose forms; an HTTP-date always names a weekday and GMT.
  if (!/^[A-Za-z]{3},? .*GMT$/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

export interface RetryInput {
  status: number;
  retryAfter?: string;
  /** Retries already made for this request. */
  retriesSoFar: number;
  /** Time the run has left; unbounded when absent. */
  remainingMs?: number;
  nowMs: number;
}

export type RetryDecision = { retry: true; waitMs: number } | { retry: false; reason?: string };

export function decideRetry(input: RetryInput, policy: RetryPolicy = defaultRetryPolicy): RetryDecision {
  if (!RETRYABLE_STATUSES.has(input.status)) return { retry: false };
  if (input.retriesSoFar >= policy.maxRetries) return { retry: false, reason: `still ${input.status} after ${policy.maxRetries} retries` };
  const asked = retryAfterMs(input.retryAfter, input.nowMs);
  const waitMs = asked ?? policy.backoffMs * 2 ** input.retriesSoFar;
  if (waitMs > policy.maxWaitMs) {
    return { retry: false, reason: `${input.status} with Retry-After ${seconds(waitMs)}, longer than the ${seconds(policy.maxWaitMs)} the runner waits` };
  }
  if (input.remainingMs !== undefined && waitMs >= input.remainingMs) {
    return { retry: false, reason: `${input.status} asks for a wait of ${seconds(waitMs)}, but the run has ${seconds(input.remainingMs)} left` };
  }
  return { retry: true, waitMs };
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

export interface RetryEvent {
  /** 1 for the first retry. */
  retry: number;
  status: number;
  retryAfter?: string;
  waitMs: number;
}

export function describeRetry(event: RetryEvent, policy: RetryPolicy = defaultRetryPolicy): string {
  const header = event.retryAfter === undefined ? "no Retry-After" : `Retry-After: ${event.retryAfter}`;
  return `${event.status} (${header}); retry ${event.retry} of ${policy.maxRetries} after ${event.waitMs} ms`;
}

type HeaderBag = Record<string, string | string[] | undefined> | { get(name: string): string | null };

function header(headers: HeaderBag, name: string): string | undefined {
  if (typeof headers.get === "function") return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value[0] : value;
}

export interface RetryOptions {
  policy?: RetryPolicy;
  clock?: Clock;
  signal?: AbortSignal;
  /** The time the run has left, read before each wait. */
  remainingMs?: () => number;
  onRetry?: (event: RetryEvent) => void;
}

export interface RetriedResponse<R> {
  response: R;
  retries: RetryEvent[];
  /** Why the runner stopped retrying a 429/503 it got last. */
  gaveUp?: string;
}

/** Sends, and sends again while the answer is a 429/503 the policy may wait out. */
export async function sendWithRetries<R extends { status: number; headers: HeaderBag }>(send: () => Promise<R>, options: RetryOptions = {}): Promise<RetriedResponse<R>> {
  const clock = options.clock ?? systemClock;
  const retries: RetryEvent[] = [];
  for (;;) {
    const response = await send();
    const retryAfter = header(response.headers, "retry-after");
    const decision = decideRetry(
      { status: response.status, retryAfter, retriesSoFar: retries.length, remainingMs: options.remainingMs?.(), nowMs: clock.now() },
      options.policy,
    );
    if (!decision.retry) return { response, retries, ...(decision.reason === undefined ? {} : { gaveUp: decision.reason }) };
    const event: RetryEvent = { retry: retries.length + 1, status: response.status, ...(retryAfter === undefined ? {} : { retryAfter }), waitMs: decision.waitMs };
    retries.push(event);
    options.onRetry?.(event);
    await clock.sleep(decision.waitMs, options.signal);
  }
}
