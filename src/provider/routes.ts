import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { operationPath, operations, type Operation } from "../catalog";
import type { EntityBody, ProviderBehaviour } from "./behaviour";
import { ProviderError } from "./errors";
import type { EntityStore } from "./store";

export interface OperationRoutesOptions {
  behaviour: ProviderBehaviour;
  store: EntityStore;
  /** The base path prefix, for the Location header of a created entity. */
  prefix: string;
}

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

/** `/process/runs/{id}` → `/process/runs/:id` (fastify's parameter syntax). */
export function routePath(template: string): string {
  return template.replace(/\{([A-Za-z_]\w*)\}/g, ":$1");
}

export function sendJson(reply: FastifyReply, behaviour: ProviderBehaviour, status: number, kind: "entity" | "error", body: unknown): void {
  reply.code(status).header("content-type", behaviour.contentType(kind, status)).send(JSON.stringify(body));
}

/**
 * The body of a write, once `validateBody` finds nothing wrong with it; otherwise the
 * write is reported to `rejectedWrite` and refused. Nothing is read from or written
 * to the store before this returns (rule E12).
 */
function validWrite(operation: Operation, body: unknown, { behaviour, store }: OperationRoutesOptions, id?: string): EntityBody {
  const violations = [...behaviour.validateBody(operation, body), ...(id === undefined ? [] : behaviour.validateBodyId(operation, id, body))];
  if (violations.length > 0) {
    behaviour.rejectedWrite({ operation, id, body, violations, store });
    throw behaviour.rejectBody(operation, violations);
  }
  return body as EntityBody;
}

function updateHandler(operation: Operation, options: OperationRoutesOptions) {
  const { behaviour, store } = options;
  const type = operation.type;
  return function update(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply): void {
    const id = request.params.id;
    const valid = validWrite(operation, request.body, options, id);
    // Read, apply and write with no await in between: concurrent PATCHes cannot lose an update.
    const current = store.get(type, id) ?? behaviour.entityNotFound(operation, id, valid);
    const updated = behaviour.applyPatch(current, valid, operation);
    store.put(type, updated);
    sendJson(reply, behaviour, behaviour.successStatus(operation), "entity", behaviour.serializeEntity(updated, operation));
  };
}

function createHandler(operation: Operation, options: OperationRoutesOptions) {
  const { behaviour, store, prefix } = options;
  const type = operation.type;
  // Where the created entity lives: the manifest's PATCH of the same type.
  const entityOperation = operations().find((candidate) => candidate.method === "PATCH" && candidate.type === type);
  return function create(request: FastifyRequest, reply: FastifyReply): void {
    const valid = validWrite(operation, request.body, options);
    const entity = behaviour.createEntity(behaviour.newId(operation, store), valid, operation);
    store.put(type, entity);
    if (entityOperation) {
      const path = `${prefix}${operationPath(entityOperation, entity.id)}`;
      const location = behaviour.location(request.host ? `${request.protocol}://${request.host}${path}` : path, operation);
      if (location !== undefined) reply.header("location", location);
    }
    sendJson(reply, behaviour, behaviour.successStatus(operation), "entity", behaviour.serializeEntity(entity, operation));
  };
}

/**
 * Answers every method but the allowed ones at `url` with 405 and an `Allow` header;
 * `isPublic` for a path that needs no Authorization, so a wrong method there is told
 * so instead of being asked for a token it does not need.
 */
export function refuseOtherMethods(app: FastifyInstance, url: string, allowed: readonly string[], isPublic = false): void {
  const allow = allowed.join(", ");
  app.route({
    method: HTTP_METHODS.filter((method) => !allowed.includes(method)),
    url,
    config: { public: isPublic },
    handler(request): never {
      throw new ProviderError("methodNotAllowed", `${request.method} is not allowed here; this path answers ${allow}`, undefined, [], { allow });
    },
  });
}

/**
 * One route per operation of the manifest (src/operations.ts), and for every path a
 * route that answers the other methods 405 with an `Allow` header.
 */
export function operationRoutes(app: FastifyInstance, options: OperationRoutesOptions): void {
  const methodsByPath = new Map<string, string[]>();
  for (const operation of operations()) {
    const url = routePath(operation.path);
    const handler = operation.method === "PATCH" ? updateHandler(operation, options) : createHandler(operation, options);
    app.route({ method: operation.method, url, handler });
    methodsByPath.set(url, [...(methodsByPath.get(url) ?? []), operation.method]);
  }
  for (const [url, allowed] of methodsByPath) refuseOtherMethods(app, url, allowed);
}
