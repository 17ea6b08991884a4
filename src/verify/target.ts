import { operationPath, type Operation, type OperationId } from "../catalog";
import type { OperationTarget } from "../results/model";

/** Where the run sends its requests (the token is the HTTP client's, see http/credentials.ts). */
export interface Target {
  /** No trailing slash; may carry a path prefix (`https://host/beta`). */
  baseUrl: string;
  stateUrl: string;
  embedded: boolean;
  pathOverrides: Partial<Record<OperationId, string>>;
}

/** The URL of an operation, after any `--path` override, with the entity id filled in. */
export function operationUrl(target: Target, operation: Operation, id?: string): string {
  return `${target.baseUrl}${operationPath(operation, id, target.pathOverrides[operation.id])}`;
}

/**
 * The token goes to the state URL only when it is on the target's own origin: a
 * state hook elsewhere (a test harness) has no business seeing it.
 */
export function stateCallsCarryToken(target: Target): boolean {
  return new URL(target.stateUrl).origin === new URL(target.baseUrl).origin;
}

export function describeOperation(target: Target, operation: Operation, entitySource?: OperationTarget["entitySource"], entityId?: string): OperationTarget {
  const override = target.pathOverrides[operation.id];
  return {
    operationId: operation.id,
    method: operation.method,
    path: override ?? operation.path,
    ...(override === undefined && operation.pathInferred ? { inferredBecause: operation.pathInferred } : {}),
    ...(entitySource ? { entitySource } : {}),
    ...(entityId !== undefined && operation.method === "PATCH" ? { entityId } : {}),
  };
}
