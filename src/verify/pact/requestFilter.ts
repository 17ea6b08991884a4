import type { IncomingMessage, ServerResponse } from "node:http";
import type { HttpClient } from "../../http/client";
import { operationPath } from "../../catalog";
import type { Exchange } from "../../results/model";
import type { TaggedExchange } from "./protocol";
import { requestTag } from "./requestTag";
import type { Target } from "../target";
import { matchOperationPath } from "./contracts";

/**
 * The request filter the Pact Verifier's proxy runs before it would forward a
 * contract's request to the target. It sends the request itself, through the
 * runner's one HTTP client, and answers the proxy with what came back: so Pact
 * interactions get the same timeout, size cap, TLS setting, `--rate` and 429/503
 * retries as every other request. Matching stays the core's. On the way it adds
 * what the Verifier lacks:
 *
 * - the token, only where the interaction sends an Authorization header (E1 sends none);
 * - the path: `--path` overrides (fixture ids are already in the contract copies,
 *   see fixtureContracts.ts);
 * - the body as the contract has it: the proxy parses JSON bodies first and turns
 *   malformed or non-object JSON (E2, E14) into its own 400, so such a request is
 *   put back together from the parser's error and sent as written;
 * - a record of each exchange, the token redacted, for the reports.
 */

type ProxiedRequest = IncomingMessage & { url: string; body?: unknown };
type Next = (error?: unknown) => void;

/** The Verifier's own endpoints on its proxy: state changes and messages, not contract requests. */
const VERIFIER_PATHS = new Set(["/_pactSetup", "/_messages"]);

/**
 * Headers not passed on: those of one hop (the client and Node's server set their
 * own; undici refuses some outright), and accept-encoding, because the client
 * reads bodies as text and does not decompress them.
 */
const HOP_HEADERS = new Set(["host", "connection", "keep-alive", "transfer-encoding", "content-length", "expect", "upgrade", "proxy-connection", "te", "trailer", "accept-encoding"]);

export interface FilterState {
  target: Target;
  client: HttpClient;
  /** One per contract request, in the order the core sent them, tagged with the request as the contract has it. */
  exchanges: TaggedExchange[];
}

/** The path and query the target gets for a contract request path. */
export function rewriteUrl(url: string, method: string, target: Target): string {
  const [requestPath, query] = url.split(/\?(.*)/s, 2);
  const matched = matchOperationPath(method, requestPath);
  if (!matched) return url;
  const rewritten = operationPath(matched.operation, matched.id, target.pathOverrides[matched.operation.id]);
  return query === undefined ? rewritten : `${rewritten}?${query}`;
}

/** The request body as text: raw as received, or the proxy's parsed JSON serialized again. */
function bodyText(body: unknown): string | undefined {
  if (body === undefined) return undefined;
  if (Buffer.isBuffer(body)) return body.toString("utf8");
  if (typeof body === "string") return body;
  return JSON.stringify(body);
}

function endToEndHeaders(headers: IncomingMessage["headers"] | Record<string, string>): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_HEADERS.has(name.toLowerCase())) record[name] = Array.isArray(value) ? value.join(", ") : String(value);
  }
  return record;
}

/** A transport failure reaches the core as a 502, its reason in the Graph error shape; the exchange keeps the reason too. */
function relay(exchange: Exchange, response: ServerResponse): void {
  if (!exchange.response) {
    response.writeHead(502, { "content-type": "application/json" });
    response.end(JSON.stringify({ error: { code: "targetNotAnswered", message: exchange.error ?? "no response" } }));
    return;
  }
  response.writeHead(exchange.response.status, endToEndHeaders(exchange.response.headers));
  response.end(exchange.response.body);
}

function send(request: ProxiedRequest, response: ServerResponse, state: FilterState): void {
  // The proxy's JSON parser turns an empty body into {}; an empty body stays empty.
  const body = request.headers["content-length"] === "0" ? undefined : bodyText(request.body);
  const method = request.method ?? "GET";
  const headers = endToEndHeaders(request.headers);
  // The run's token replaces the contract's placeholder, only where the interaction sends one.
  const bearer = request.headers.authorization !== undefined;
  delete headers.authorization;
  const url = `${state.target.baseUrl}${rewriteUrl(request.url, method, state.target)}`;
  // Tagged before any rewrite: the tag is the interaction's request as its contract holds it.
  const sentBody = request.body !== undefined && !Buffer.isBuffer(request.body) && typeof request.body === "object" ? request.body : body;
  const tag = requestTag(method, request.url.split("?")[0], bearer, body === undefined ? undefined : sentBody);
  // Its place is taken now, so the exchanges stay in the order the core sent them.
  const index = state.exchanges.push({ tag, exchange: { request: { method, url, headers: {} } } }) - 1;
  void state.client.send({ method, url, headers, bearer, ...(body === undefined ? {} : { body }) }).then((exchange) => {
    state.exchanges[index] = { tag, exchange };
    relay(exchange, response);
  });
}

function isVerifierPath(request: ProxiedRequest): boolean {
  return VERIFIER_PATHS.has(request.url.split("?")[0]);
}

/** The Verifier's `requestFilter`: a handler, and an error handler for the bodies its JSON parser refused. */
export function createRequestFilter(state: FilterState): [(request: ProxiedRequest, response: ServerResponse, next: Next) => void, (error: unknown, request: ProxiedRequest, response: ServerResponse, next: Next) => void] {
  return [
    (request, response, next) => {
      if (isVerifierPath(request)) return next();
      send(request, response, state);
    },
    (error, request, response, next) => {
      const parseFailure = error as { type?: unknown; body?: unknown } | undefined;
      if (parseFailure?.type !== "entity.parse.failed" || typeof parseFailure.body !== "string" || isVerifierPath(request)) {
        next(error);
        return;
      }
      request.body = Buffer.from(parseFailure.body, "utf8");
      send(request, response, state);
    },
  ];
}
