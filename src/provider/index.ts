import { randomUUID } from "node:crypto";
import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { composeBehaviour, type ProviderBehaviour } from "./behaviour";
import { classifyError, ProviderError } from "./errors";
import { tokenRefusal } from "./tokenMode";
import { operationRoutes, sendJson } from "./routes";
import { providerStateRoutes } from "./states";
import { PROVIDER_STATES_PATH } from "../rules";
import { EntityStore } from "./store";

export { composeBehaviour, defaultBehaviour, type EntityBody, type ProviderBehaviour, type RejectedWrite } from "./behaviour";
export { errorCodes, graphErrorBody, ProviderError, type ErrorCode, type GraphErrorBody } from "./errors";
export { PROVIDER_STATES_PATH } from "../rules";
export { EntityStore, type Entity } from "./store";

export interface ReferenceProviderOptions {
  /** Base path prefix, e.g. "/beta"; default "". */
  prefix?: string;
  /** When set, exactly this bearer token is accepted; otherwise any non-empty one. */
  token?: string;
  /** The fault-injection seam: policies that replace the defaults (see ProviderBehaviour). */
  behaviour?: Partial<ProviderBehaviour>;
  /** Bytes; a larger body is answered 413 in the Graph error shape. Default 1 MiB. */
  bodyLimit?: number;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** "", "/" → ""; "beta/" → rejected; "/beta/" → "/beta". Throws with a reason on anything else. */
export function normalisePrefix(prefix: string | undefined): string {
  if (prefix === undefined || prefix === "" || prefix === "/") return "";
  if (!prefix.startsWith("/")) throw new Error(`the prefix must start with "/", got ${JSON.stringify(prefix)}`);
  const trimmed = prefix.replace(/\/+$/, "");
  if (!/^(\/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)+$/.test(trimmed)) {
    throw new Error(`the prefix must be a URL path such as /beta, got ${JSON.stringify(prefix)}`);
  }
  return trimmed;
}

/**
 * No route declares a fastify schema: bodies are judged by the catalog's schemas
 * (behaviour.ts). Given compilers of our own, fastify does not load its ajv and
 * fast-json-stringify compilers, about 60 ms of every embedded run's start.
 */
const noRouteSchemas = () => (): never => {
  throw new Error("the reference provider compiles no fastify route schema: a route added with one needs setValidatorCompiler / setSerializerCompiler of its own");
};
const WITHOUT_ROUTE_SCHEMAS = { compilersFactory: { buildValidator: noRouteSchemas, buildSerializer: noRouteSchemas } };

declare module "fastify" {
  interface FastifyContextConfig {
    /** The route needs no Authorization (the provider-state hook). */
    public?: boolean;
  }
}

function clientErrorOf(error: NodeJS.ErrnoException): ProviderError {
  if (error.code === "HPE_HEADER_OVERFLOW") return new ProviderError("requestHeadersTooLarge", "the request headers are larger than the provider accepts");
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") return new ProviderError("requestTimeout", "the request was not received in time");
  return new ProviderError("badRequest", "the request is not valid HTTP");
}

/**
 * The embedded reference provider of rules.md: the operations of the catalog,
 * the provider-state endpoint, one error handler that gives every error (ours and
 * fastify's) the Graph error shape. Not listening: call `listen`, or use
 * `startReferenceProvider`, or `app.inject` / supertest on `app.server` after `ready()`.
 */
export function buildReferenceProvider(options: ReferenceProviderOptions = {}): FastifyInstance {
  const prefix = normalisePrefix(options.prefix);
  if (options.token === "") throw new Error("the token must not be empty");
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  if (!Number.isSafeInteger(bodyLimit) || bodyLimit < 1) throw new Error(`bodyLimit must be a positive integer, got ${bodyLimit}`);
  const behaviour = composeBehaviour(options.behaviour);
  const store = new EntityStore();

  function sendError(reply: FastifyReply, error: ProviderError, requestId: string): void {
    reply.headers(error.headers);
    sendJson(reply, behaviour, behaviour.errorStatus(error), "error", behaviour.errorBody(error, requestId));
  }

  const app = Fastify({
    logger: false,
    schemaController: WITHOUT_ROUTE_SCHEMAS,
    bodyLimit,
    exposeHeadRoutes: false,
    routerOptions: { maxParamLength: 1000 },
    // A GUID per request, as Graph's `request-id` is.
    genReqId: () => randomUUID(),
    // Errors the router meets before any route runs (a badly encoded URL, an overlong id).
    frameworkErrors: (error, request, reply) => sendError(reply, classifyError(error), request.id),
    // Requests node's HTTP parser refuses never reach fastify; answer them in the same shape.
    clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket) {
      if (error.code === "ECONNRESET" || socket.destroyed) return;
      if (socket.writable) {
        const refusal = clientErrorOf(error);
        const status = behaviour.errorStatus(refusal);
        const body = JSON.stringify(behaviour.errorBody(refusal, "none"));
        socket.write(
          `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}\r\nContent-Type: ${behaviour.contentType("error", status)}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
      }
      socket.destroy(error);
    },
  });

  // Graph answers every request with its `request-id` and the caller's `client-request-id` (rules.md §6).
  app.addHook("onRequest", (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    reply.header("request-id", request.id);
    const clientRequestId = request.headers["client-request-id"];
    if (typeof clientRequestId === "string") reply.header("client-request-id", clientRequestId);
    done();
  });

  app.addHook("onRequest", (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void) => {
    if (request.routeOptions.config.public) return done();
    const authorization = request.headers.authorization;
    done(behaviour.authenticate(authorization) ?? tokenRefusal(authorization, options.token));
  });

  // One parser for every media type, so the media-type decision is the parseBody policy's.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string", bodyLimit }, (request, text, done) => {
    try {
      done(null, behaviour.parseBody(text as string, request.headers["content-type"] ?? ""));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  app.setErrorHandler((error, request, reply) => sendError(reply, classifyError(error), request.id));
  app.setNotFoundHandler((request, reply) => {
    sendError(reply, new ProviderError("routeNotFound", `no operation answers ${request.method} ${request.url.split("?")[0]}`), request.id);
  });

  app.register(
    async (scope) => {
      operationRoutes(scope, { behaviour, store, prefix });
      providerStateRoutes(scope, { behaviour, store });
    },
    { prefix },
  );
  return app;
}

export interface RunningProvider {
  baseUrl: string;
  stateUrl: string;
  close(): Promise<void>;
}

function urlHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

/** Builds the provider and listens on `host` (default 127.0.0.1) and `port` (default 0: a free port). */
export async function startReferenceProvider(options: ReferenceProviderOptions & { host?: string; port?: number } = {}): Promise<RunningProvider> {
  const { host = "127.0.0.1", port = 0, ...providerOptions } = options;
  const app = buildReferenceProvider(providerOptions);
  try {
    await app.listen({ host, port });
  } catch (error) {
    await app.close();
    throw error;
  }
  const address = app.server.address();
  const boundPort = typeof address === "object" && address !== null ? address.port : port;
  const baseUrl = `http://${urlHost(host)}:${boundPort}${normalisePrefix(options.prefix)}`;
  return {
    baseUrl,
    stateUrl: `${baseUrl}${PROVIDER_STATES_PATH}`,
    close: () => app.close(),
  };
}
