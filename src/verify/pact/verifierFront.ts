import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { text } from "node:stream/consumers";
import type { HttpClient } from "../../http/client";
import { operationPath } from "../../catalog";
import type { Exchange } from "../../results/model";
import type { TaggedExchange } from "./protocol";
import { requestTag } from "./requestTag";
import type { Target } from "../target";
import { matchOperationPath } from "./contracts";
import { isJsonMediaType } from "../../mediaType";
import { isObject } from "../../isObject";

/**
 * The loopback server the native Pact verifier talks to: it is the core's provider
 * base URL and its provider-state URL. A contract request is sent on through the
 * runner's one HTTP client, and what came back is the core's answer: so Pact
 * interactions get the same timeout, size cap, TLS setting, `--rate` and 429/503
 * retries as every other request. Matching stays the core's. On the way it adds
 * what the core lacks:
 *
 * - the token, only where the interaction sends an Authorization header (E1 sends none);
 * - the path: `--path` overrides (fixture ids are already in the contract copies,
 *   see fixtureContracts.ts);
 * - a record of each exchange, the token redacted, for the reports.
 *
 * The body goes on byte for byte as the core sent it, malformed JSON (E2) included.
 */

/** Where the core posts its state changes (`{state, params, action}`), as pact-js's Verifier names it. */
const STATE_CHANGE_PATH = "/_pactSetup";

/**
 * Headers not passed on: those of one hop (the client and Node's server set their
 * own: a Host, Content-Length or Transfer-Encoding passed on could contradict the
 * request as it is sent), and accept-encoding, because the client
 * reads bodies as text and does not decompress them.
 */
const HOP_HEADERS = new Set(["host", "connection", "keep-alive", "transfer-encoding", "content-length", "expect", "upgrade", "proxy-connection", "te", "trailer", "accept-encoding"]);

export interface FrontState {
  target: Target;
  client: HttpClient;
  /** One per contract request, in the order the core sent them, tagged with the request as the contract has it. */
  exchanges: TaggedExchange[];
}

export interface StateChange {
  state: string;
  params: Record<string, unknown>;
  action: "setup" | "teardown";
}

export interface VerifierFront {
  /** The core's provider base URL. */
  baseUrl: string;
  /** The core's provider-state URL. */
  stateChangeUrl: string;
  close(): Promise<void>;
}

/** The path and query the target gets for a contract request path. */
export function rewriteUrl(url: string, method: string, target: Target): string {
  const [requestPath, query] = url.split(/\?(.*)/s, 2);
  const matched = matchOperationPath(method, requestPath);
  if (!matched) return url;
  const rewritten = operationPath(matched.operation, matched.id, target.pathOverrides[matched.operation.id]);
  return query === undefined ? rewritten : `${rewritten}?${query}`;
}

function endToEndHeaders(headers: IncomingMessage["headers"] | Record<string, string>): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_HEADERS.has(name.toLowerCase())) record[name] = Array.isArray(value) ? value.join(", ") : String(value);
  }
  return record;
}

/** The body as the tag compares it: parsed where it is JSON (the core may reorder members), its text otherwise. */
function taggedBody(body: string | undefined, contentType: string | undefined): unknown {
  if (body === undefined || contentType === undefined || !isJsonMediaType(contentType)) return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
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

async function sendOn(request: IncomingMessage, text: string, response: ServerResponse, state: FrontState): Promise<void> {
  const body = text === "" ? undefined : text;
  const method = request.method ?? "GET";
  const requestUrl = request.url ?? "/";
  const headers = endToEndHeaders(request.headers);
  // The run's token replaces the contract's placeholder, only where the interaction sends one.
  const bearer = request.headers.authorization !== undefined;
  delete headers.authorization;
  const url = `${state.target.baseUrl}${rewriteUrl(requestUrl, method, state.target)}`;
  // Tagged before any rewrite: the tag is the interaction's request as its contract holds it.
  const tag = requestTag(method, requestUrl.split("?")[0], bearer, taggedBody(body, request.headers["content-type"]));
  // Its place is taken now, so the exchanges stay in the order the core sent them.
  const index = state.exchanges.push({ tag, exchange: { request: { method, url, headers: {} } } }) - 1;
  const exchange = await state.client.send({ method, url, headers, bearer, ...(body === undefined ? {} : { body }) });
  state.exchanges[index] = { tag, exchange };
  relay(exchange, response);
}

/** A state change the core posted, or undefined when its body is not one. */
function stateChangeOf(text: string): StateChange | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(value) || typeof value.state !== "string" || (value.action !== "setup" && value.action !== "teardown")) return undefined;
  return { state: value.state, params: isObject(value.params) ? value.params : {}, action: value.action };
}

async function changeState(text: string, response: ServerResponse, onStateChange: (change: StateChange) => Promise<void>): Promise<void> {
  const change = stateChangeOf(text);
  if (!change) {
    response.writeHead(400, { "content-type": "text/plain" });
    response.end("a state change is a JSON object with state, params and action (setup or teardown)");
    return;
  }
  await onStateChange(change);
  response.writeHead(200, { "content-type": "application/json" });
  response.end("{}");
}

/** Starts the front on a free loopback port; `onStateChange` carries out (or records the failure of) each state change. */
export function startVerifierFront(state: FrontState, onStateChange: (change: StateChange) => Promise<void>): Promise<VerifierFront> {
  const server = http.createServer((request, response) => {
    text(request)
      .then((body) => (request.method === "POST" && request.url === STATE_CHANGE_PATH ? changeState(body, response, onStateChange) : sendOn(request, body, response, state)))
      .catch((error: unknown) => {
        // Only a broken connection from the core lands here: it gets no answer it could read.
        response.destroy(error instanceof Error ? error : new Error(String(error)));
      });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      const baseUrl = `http://127.0.0.1:${port}`;
      resolve({
        baseUrl,
        stateChangeUrl: `${baseUrl}${STATE_CHANGE_PATH}`,
        close: () =>
          new Promise((closed) => {
            server.close(() => closed());
            // The core may keep a connection open; nothing more will come over it.
            server.closeAllConnections();
          }),
      });
    });
  });
}
