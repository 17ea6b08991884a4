import { Agent } from "undici";
import type { Exchange, RecordedResponse } from "../results/model";
import { DEFAULT_REQUEST_TIMEOUT_MS } from "../safety/limits";
import type { RateLimiter } from "../safety/rateLimiter";
import { describeRetry, sendWithRetries, type RetryEvent } from "../safety/retryPolicy";
import { credentialOf, maskSecrets, redactHeaders } from "./redact";

/**
 * The one HTTP client of the runner: every request to a target (checks, provider
 * states, preflight) goes through `send`, which never throws. It bounds each
 * request in time and each response in size, never follows a redirect (a redirect
 * is an answer to judge) and records the exchange with the token already redacted.
 * Against a live target it also keeps to `--rate`, waits out 429/503 with a
 * Retry-After (bounded, see safety/retryPolicy.ts) and stops when the run does.
 */

export const DEFAULT_MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

export interface OutgoingRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpClientOptions {
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** Further strings masked wherever a response echoes them (the Authorization credential always is). */
  secrets?: readonly string[];
  /** The run's stop signal (Ctrl-C, --max-failures, --max-run-ms): aborts waits and requests in flight. */
  signal?: AbortSignal;
  rateLimiter?: RateLimiter;
  /** Time the run has left, so a Retry-After wait never outlasts it. */
  remainingMs?: () => number;
  onRetry?: (request: OutgoingRequest, retry: RetryEvent) => void;
  /** `--insecure`: accept a TLS certificate that does not verify. */
  insecure?: boolean;
}

export interface HttpClient {
  send(request: OutgoingRequest): Promise<Exchange>;
}

interface BodyRead {
  text: string;
  truncated: boolean;
}

async function readCapped(response: Response, maxBytes: number): Promise<BodyRead> {
  if (!response.body) return { text: "", truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = maxBytes - size;
    if (value.byteLength > room) {
      chunks.push(value.subarray(0, room));
      size += room;
      truncated = true;
      await reader.cancel();
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  return { text: Buffer.concat(chunks, size).toString("utf8"), truncated };
}

// Duck-typed rather than `instanceof Error`: fetch's errors come from another realm under Jest.
function isErrorLike(value: unknown): value is { name?: unknown; message: string; code?: unknown; cause?: unknown } {
  return typeof value === "object" && value !== null && typeof (value as { message?: unknown }).message === "string";
}

/** A one-line reason for a failed request, from fetch's nested causes. */
export function describeTransportError(error: unknown, timeoutMs: number, runSignal?: AbortSignal): string {
  if (runSignal?.aborted) return `not finished: the run stopped (${(runSignal.reason as Error).message})`;
  if (isErrorLike(error) && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return `no complete response within ${timeoutMs} ms`;
  }
  const reasons: string[] = [];
  let current: unknown = error;
  while (isErrorLike(current)) {
    reasons.push(typeof current.code === "string" ? `${current.message} (${current.code})` : current.message);
    current = current.cause;
  }
  const specific = reasons.filter((reason) => reason !== "fetch failed");
  return specific.length > 0 ? specific.join(": ") : reasons.join(": ") || String(error);
}

function headersOf(response: Response, secrets: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = maskSecrets(value, secrets);
  });
  return headers;
}

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const runSignal = options.signal;
  // Only this client's requests skip certificate checks; the process-wide default stays strict.
  const dispatcher = options.insecure ? new Agent({ connect: { rejectUnauthorized: false } }) : undefined;

  async function sendOnce(request: OutgoingRequest): Promise<Exchange> {
    const headers = request.headers ?? {};
    const credential = credentialOf(headers);
    const secrets = [...(options.secrets ?? []), ...(credential ? [credential] : [])];
    const exchange: Exchange = {
      request: {
        method: request.method,
        url: request.url,
        headers: redactHeaders(headers),
        ...(request.body === undefined ? {} : { body: request.body }),
      },
    };
    try {
      await options.rateLimiter?.acquire(runSignal);
      const started = performance.now();
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = runSignal ? AbortSignal.any([runSignal, timeout]) : timeout;
      // `dispatcher` is undici's extension of fetch, absent from the DOM RequestInit type.
      const init = { method: request.method, headers, body: request.body, redirect: "manual", signal, ...(dispatcher ? { dispatcher } : {}) } as RequestInit;
      const response = await fetch(request.url, init);
      const body = await readCapped(response, maxResponseBytes);
      const recorded: RecordedResponse = {
        status: response.status,
        headers: headersOf(response, secrets),
        body: maskSecrets(body.text, secrets),
        durationMs: Math.round(performance.now() - started),
      };
      if (body.truncated) {
        recorded.bodyTruncated = true;
        exchange.error = `response body larger than ${maxResponseBytes} bytes; cut there`;
      }
      exchange.response = recorded;
    } catch (error) {
      exchange.error = maskSecrets(describeTransportError(error, timeoutMs, runSignal), secrets);
    }
    return exchange;
  }

  return {
    async send(request) {
      let last: Exchange | undefined;
      try {
        const retried = await sendWithRetries(
          async () => {
            last = await sendOnce(request);
            return { status: last.response?.status ?? 0, headers: last.response?.headers ?? {} };
          },
          { signal: runSignal, remainingMs: options.remainingMs, onRetry: (retry) => options.onRetry?.(request, retry) },
        );
        const notes = [...retried.retries.map((retry) => describeRetry(retry)), ...(retried.gaveUp ? [`gave up retrying: ${retried.gaveUp}`] : [])];
        if (notes.length > 0) last!.retries = notes;
      } catch (error) {
        // Only a wait between retries throws, when the run stops: the last answer stands, marked.
        last!.error = describeTransportError(error, timeoutMs, runSignal);
      }
      return last!;
    },
  };
}
