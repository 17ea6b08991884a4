import type { Exchange, RecordedResponse } from "../results/model";
import { DEFAULT_REQUEST_TIMEOUT_MS } from "../safety/limits";
import { credentialOf, maskSecrets, redactHeaders } from "./redact";

/**
 * The one HTTP client of the runner: every request to a target (checks, provider
 * states, preflight) goes through `send`, which never throws. It bounds each
 * request in time and each response in size, never follows a redirect (a redirect
 * is an answer to judge) and records the exchange with the token already redacted.
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
export function describeTransportError(error: unknown, timeoutMs: number): string {
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

  return {
    async send(request) {
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
      const started = performance.now();
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        const response = await fetch(request.url, { method: request.method, headers, body: request.body, redirect: "manual", signal });
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
        exchange.error = maskSecrets(describeTransportError(error, timeoutMs), secrets);
      }
      return exchange;
    },
  };
}
