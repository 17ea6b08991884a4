import type { IncomingMessage, ServerResponse } from "node:http";
import { DEFAULT_MAX_RESPONSE_BYTES } from "../../http/client";
import { maskSecrets, redactHeaders } from "../../http/redact";
import { operationPath } from "../../operations";
import type { Exchange } from "../../results/model";
import type { RateLimiter } from "../../safety/rateLimiter";
import type { Target } from "../target";
import { matchOperationPath } from "./contracts";

/**
 * The request filter the Pact Verifier's proxy runs before it forwards a
 * contract's request to the target. It adds what the Verifier lacks and nothing
 * else (matching stays the core's):
 *
 * - the token, only where the interaction sends an Authorization header (E1 sends none);
 * - the path: `--path` overrides (fixture ids are already in the contract copies,
 *   see fixtureContracts.ts);
 * - the body as the contract has it: the proxy parses JSON bodies first and turns
 *   malformed or non-object JSON (E2, E14) into its own 400, so such a request is
 *   put back together from the parser's error and forwarded as sent;
 * - a record of each exchange, the token redacted, for the reports.
 */

type ProxiedRequest = IncomingMessage & { url: string; body?: unknown };
type Next = (error?: unknown) => void;

/** The Verifier's own endpoints on its proxy: state changes and messages, not contract requests. */
const VERIFIER_PATHS = new Set(["/_pactSetup", "/_messages"]);

export interface FilterState {
  target: Target;
  /** One per forwarded request, in order; the response is filled in when it has been relayed. */
  exchanges: Exchange[];
  maxResponseBytes?: number;
  /** `--rate`: each forwarded request waits for its turn. */
  rateLimiter?: RateLimiter;
}

/** The path and query the target gets for a contract request path. */
export function rewriteUrl(url: string, method: string, target: Target): string {
  const [requestPath, query] = url.split(/\?(.*)/s, 2);
  const matched = matchOperationPath(method, requestPath);
  if (!matched) return url;
  const rewritten = operationPath(matched.operation, matched.id, target.pathOverrides[matched.operation.id]);
  return query === undefined ? rewritten : `${rewritten}?${query}`;
}

function bodyBuffer(body: unknown): Buffer | undefined {
  if (body === undefined) return undefined;
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === "string") return Buffer.from(body, "utf8");
  // Parsed JSON: serialized again; the length is set to match below.
  return Buffer.from(JSON.stringify(body), "utf8");
}

function headerRecord(headers: IncomingMessage["headers"] | ReturnType<ServerResponse["getHeaders"]>): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) record[name] = Array.isArray(value) ? value.join(", ") : String(value);
  }
  return record;
}

function recordResponse(response: ServerResponse, exchange: Exchange, state: FilterState, started: number): void {
  const limit = state.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  const keep = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === "function") return;
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
    const room = limit - size;
    if (buffer.length > room) truncated = true;
    const kept = buffer.subarray(0, Math.max(0, room));
    chunks.push(kept);
    size += kept.length;
  };
  const write = response.write.bind(response) as (...args: unknown[]) => boolean;
  const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
  response.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    return write(chunk, ...rest);
  }) as ServerResponse["write"];
  response.end = ((chunk?: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    return end(chunk, ...rest);
  }) as ServerResponse["end"];
  const secrets = [state.target.token];
  response.on("finish", () => {
    exchange.response = {
      status: response.statusCode,
      headers: Object.fromEntries(Object.entries(headerRecord(response.getHeaders())).map(([name, value]) => [name, maskSecrets(value, secrets)])),
      body: maskSecrets(Buffer.concat(chunks, size).toString("utf8"), secrets),
      ...(truncated ? { bodyTruncated: true } : {}),
      durationMs: Math.round(performance.now() - started),
    };
    if (truncated) exchange.error = `response body larger than ${limit} bytes; cut there in this record`;
  });
  response.on("close", () => {
    if (!exchange.response) exchange.error ??= "the connection closed before the response was complete";
  });
}

function prepare(request: ProxiedRequest, response: ServerResponse, state: FilterState): void {
  // The proxy's JSON parser turns an empty body into {}; an empty body stays empty.
  const body = request.headers["content-length"] === "0" ? Buffer.alloc(0) : bodyBuffer(request.body);
  if (body !== undefined) {
    request.body = body;
    request.headers["content-length"] = String(body.length);
    delete request.headers["transfer-encoding"];
  }
  if (request.headers.authorization !== undefined) request.headers.authorization = `Bearer ${state.target.token}`;
  request.url = rewriteUrl(request.url, request.method ?? "GET", state.target);
  const exchange: Exchange = {
    request: {
      method: request.method ?? "GET",
      url: `${state.target.baseUrl}${request.url}`,
      headers: redactHeaders(headerRecord(request.headers)),
      ...(body === undefined ? {} : { body: body.toString("utf8") }),
    },
  };
  state.exchanges.push(exchange);
  recordResponse(response, exchange, state, performance.now());
}

function isVerifierPath(request: ProxiedRequest): boolean {
  return VERIFIER_PATHS.has(request.url.split("?")[0]);
}

function forwardInTurn(state: FilterState, next: Next): void {
  if (!state.rateLimiter) return next();
  state.rateLimiter.acquire().then(() => next(), next);
}

/** The Verifier's `requestFilter`: a handler, and an error handler for the bodies its JSON parser refused. */
export function createRequestFilter(state: FilterState): [(request: ProxiedRequest, response: ServerResponse, next: Next) => void, (error: unknown, request: ProxiedRequest, response: ServerResponse, next: Next) => void] {
  return [
    (request, response, next) => {
      if (isVerifierPath(request)) return next();
      prepare(request, response, state);
      forwardInTurn(state, next);
    },
    (error, request, response, next) => {
      const parseFailure = error as { type?: unknown; body?: unknown } | undefined;
      if (parseFailure?.type !== "entity.parse.failed" || typeof parseFailure.body !== "string" || isVerifierPath(request)) {
        next(error);
        return;
      }
      request.body = Buffer.from(parseFailure.body, "utf8");
      prepare(request, response, state);
      // Calling next without the error resumes the proxy route: the body goes to the target as sent.
      forwardInTurn(state, () => next());
    },
  ];
}
