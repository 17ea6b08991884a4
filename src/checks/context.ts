import { requestMembers } from "../schemas/model";
import { findOperation, type Operation, type OperationId } from "../catalog";
import type { SchemaRegistry } from "../schemas/registry";

export function operationOf(id: OperationId): Operation {
  const operation = findOperation(id);
  if (!operation) throw new Error(`unknown operation ${id}`);
  return operation;
}

/** The members of an operation's body that are date-times, read from its request schema (compared as instants). */
export function dateTimeMembers(schemas: SchemaRegistry, operationId: OperationId): ReadonlySet<string> {
  return new Set(
    requestMembers(schemas, operationOf(operationId).requestSchema)
      .filter((member) => member.shape.kind === "dateTime")
      .map((member) => member.name),
  );
}
