import { randomUUID } from "node:crypto";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { KEPT_BODY_BYTES, type Exchange, type RecordedResponse } from "../results/model";
import { DEFAULT_REQUEST_TIMEOUT_MS } from "../safety/limits";
import type { RateLimiter } from "../safety/rateLimiter";
import { describeRetry, sendWithRetries, type RetryEvent } from "../safety/retryPolicy";
import type { Credentials } from "./credentials";
import { credentialOf, maskSecrets, redactHeaders } from "./redact";

/**
 * The one HTTP client of the runner: every request to a target (checks, provider
 * states, preflight) goes through `send`, which never throws. It bounds each
 * request in time and each response in size, never follows a redirect (a redirect
 * is an answer to judge) and records the exchange with the token already redacted.
 * Each request carries a fresh `client-request-id` unless the caller set one.
 * Against a live target it also keeps to `--rate`, waits out 429/503 with a
 * Retry-After (bounded, see safety/retryPolicy.ts) and stops when the run does.
 */

export const DEFAULT_MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

export interface OutgoingRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Send the run's bearer token (the client's `credentials`) as `Authorization`. */
  bearer?: boolean;
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
  /** The bearer token of requests that ask for it; a token that expires mid-run is renewed on its 401 and the request sent again once. */
  credentials?: Credentials;
}

export interface HttpClient {
  send(request: OutgoingRequest): Promise<Exchange>;
}

interface BodyRead {
  /** The first KEPT_BODY_BYTES, as text. */
  text: string;
  /** Bytes received, counted up to the read cap. */
  bytes: number;
  /** Reading stopped at the read cap: the body is longer still. */
  overCap: boolean;
}

/**
 * Keeps the first KEPT_BODY_BYTES of a body and counts the rest as it streams,
 * holding none of it: memory stays bounded whatever the target sends. Past
 * `maxBytes` it stops reading and drops the connection. Read by its events rather
 * than `for await`, which adds a promise and a turn of the event loop per chunk.
 */
function readBounded(body: IncomingMessage, maxBytes: number): Promise<BodyRead> {
  const keep = Math.min(KEPT_BODY_BYTES, maxBytes);
  const kept: Buffer[] = [];
  let keptBytes = 0;
  let bytes = 0;
  const read = (overCap: boolean): BodyRead => ({ text: Buffer.concat(kept, keptBytes).toString("utf8"), bytes, overCap });
  return new Promise((resolve, reject) => {
    body.on("data", (chunk: Buffer) => {
      if (keptBytes < keep) {
        const piece = chunk.subarray(0, keep - keptBytes);
        // A copy: a slice would hold on to the whole chunk.
        kept.push(Buffer.from(piece));
        keptBytes += piece.byteLength;
      }
      bytes += chunk.byteLength;
      if (bytes > maxBytes) {
        resolve(read(true));
        body.destroy();
      }
    });
    body.on("end", () => resolve(read(false)));
    body.on("close", () => {
      if (!body.complete) reject(new Error("the connection closed before the body ended"));
    });
    // Node says only "aborted" when the connection closes mid-body: say how much of it came.
    body.on("error", (error) => {
      const announced = body.headers["content-length"];
      reject(announced === undefined ? error : new Error(`the body ended after ${bytes} of the ${announced} bytes its Content-Length announced`, { cause: error }));
    });
  });
}

// Duck-typed rather than `instanceof Error`: Node's errors come from another realm under Jest.
function isErrorLike(value: unknown): value is { name?: unknown; message: string; code?: unknown; cause?: unknown } {
  return typeof value === "object" && value !== null && typeof (value as { message?: unknown }).message === "string";
}

/** A one-line reason for a failed request, from the error and its nested causes. */
function describeTransportError(error: unknown, runSignal?: AbortSignal): string {
  if (runSignal?.aborted) return `not finished: the run stopped (${(runSignal.reason as Error).message})`;
  const reasons: string[] = [];
  let current: unknown = error;
  while (isErrorLike(current)) {
    reasons.push(typeof current.code === "string" ? `${current.message} (${current.code})` : current.message);
    current = current.cause;
  }
  return reasons.join(": ") || String(error);
}

function headersOf(raw: IncomingMessage["headersDistinct"], secrets: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = maskSecrets(value.join(", "), secrets);
  }
  return headers;
}

/** Node's own keep-alive agents, one pair per client; idle sockets hold no process open (Node unrefs them). */
interface Agents {
  "http:": http.Agent;
  "https:": https.Agent;
}

/** A request on its way: its response, once the head arrives, and a way to end it early. */
interface InFlight {
  response: Promise<IncomingMessage>;
  /** Destroys the request and so its response, whose read then fails. */
  end(reason: Error): void;
}

/**
 * Sends the request; the caller reads the body. `end(body)` sets Content-Length,
 * as a Graph client sends it (never chunked). A redirect is never followed: Node's
 * client does not.
 */
function open(request: OutgoingRequest, agents: Agents): InFlight {
  let outgoing: http.ClientRequest | undefined;
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    const url = new URL(request.url);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`the URL scheme ${url.protocol} is not http: or https:`);
    const transport = url.protocol === "https:" ? https : http;
    outgoing = transport.request(url, { method: request.method, headers: request.headers, agent: agents[url.protocol] }, resolve);
    outgoing.on("error", reject);
    outgoing.end(request.body);
  });
  return { response, end: (reason) => outgoing?.destroy(reason) };
}

/**
 * Ends a request that outlasts `timeoutMs` or the run. A timer and a listener
 * rather than AbortSignal.timeout and AbortSignal.any, which cost as much as the
 * rest of the client's work on a loopback request.
 */
function endLate(inFlight: InFlight, timeoutMs: number, runSignal: AbortSignal | undefined): { timedOut(): Error | undefined; clear(): void } {
  let timedOut: Error | undefined;
  const timer = setTimeout(() => {
    timedOut = new Error(`no complete response within ${timeoutMs} ms`);
    inFlight.end(timedOut);
  }, timeoutMs);
  const stop = () => inFlight.end(runSignal!.reason as Error);
  runSignal?.addEventListener("abort", stop, { once: true });
  return {
    timedOut: () => timedOut,
    clear() {
      clearTimeout(timer);
      runSignal?.removeEventListener("abort", stop);
    },
  };
}

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const runSignal = options.signal;
  // Only this client's requests skip certificate checks; the process-wide default stays strict.
  const agents: Agents = {
    "http:": new http.Agent({ keepAlive: true }),
    "https:": new https.Agent({ keepAlive: true, ...(options.insecure ? { rejectUnauthorized: false } : {}) }),
  };

  async function sendOnce(request: OutgoingRequest): Promise<Exchange> {
    const headers = request.headers!;
    const credential = credentialOf(headers);
    const secrets = [...(options.secrets ?? []), ...(credential ? [credential] : [])];
    const exchange: Exchange = {
      startedAt: new Date().toISOString(),
      request: {
        method: request.method,
        url: request.url,
        headers: redactHeaders(headers),
        ...(request.body === undefined ? {} : { body: request.body }),
      },
    };
    let deadline: ReturnType<typeof endLate> | undefined;
    try {
      await options.rateLimiter?.acquire(runSignal);
      if (runSignal?.aborted) throw runSignal.reason;
      const started = performance.now();
      const inFlight = open(request, agents);
      deadline = endLate(inFlight, timeoutMs, runSignal);
      const response = await inFlight.response;
      const body = await readBounded(response, maxResponseBytes);
      const recorded: RecordedResponse = {
        status: response.statusCode!,
        // Every copy of a repeated header (`headers` keeps the first Content-Type only): a second one is for the checks to see.
        headers: headersOf(response.headersDistinct, secrets),
        body: maskSecrets(body.text, secrets),
        durationMs: Math.round(performance.now() - started),
      };
      if (body.overCap || body.bytes > KEPT_BODY_BYTES) {
        recorded.bodyTruncated = true;
        recorded.bodyBytes = body.bytes;
      }
      if (body.overCap) exchange.error = `response body larger than ${maxResponseBytes} bytes; reading stopped there`;
      exchange.response = recorded;
    } catch (error) {
      // An end in the middle of a body surfaces as the socket's error, not as its reason: the deadline tells which it was.
      const timedOut = runSignal?.aborted ? undefined : deadline?.timedOut();
      exchange.error = timedOut ? timedOut.message : maskSecrets(describeTransportError(error, runSignal), secrets);
    } finally {
      deadline?.clear();
    }
    return exchange;
  }

  async function sendRetrying(request: OutgoingRequest): Promise<Exchange> {
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
      last!.error = describeTransportError(error, runSignal);
    }
    return last!;
  }

  /**
   * rules.md §6: each request its own `client-request-id`, as Graph clients send,
   * so the target's logs can be searched for it (the retries of one request keep it).
   */
  function prepared(request: OutgoingRequest, token: string | undefined): OutgoingRequest {
    return { ...request, headers: { "client-request-id": randomUUID(), ...request.headers, ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }) } };
  }

  return {
    async send(request) {
      if (!request.bearer) return sendRetrying(prepared(request, undefined));
      const credentials = options.credentials;
      if (!credentials) throw new Error("a request asks for the bearer token, but the client has no credentials");
      const token = credentials.token();
      const exchange = await sendRetrying(prepared(request, token));
      if (exchange.response?.status !== 401) {
        if (exchange.response) credentials.worked(token);
        return exchange;
      }
      const renewed = await credentials.renewAfter401(token);
      return renewed === undefined ? exchange : sendRetrying(prepared(request, renewed));
    },
  };
}
