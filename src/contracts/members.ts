import type { SchemaRegistry } from "../schemas/registry";
import type { Operation } from "../operations";

/** What the contracts need to know about a member's schema to build and match values. */
export type MemberShape =
  | { kind: "string"; nullable: boolean }
  | { kind: "dateTime"; nullable: boolean }
  | { kind: "int32"; nullable: boolean }
  | { kind: "object"; nullable: boolean }
  | { kind: "enum"; nullable: boolean; members: readonly string[] };

export interface RequestMember {
  name: string;
  shape: MemberShape;
}

type SchemaNode = Record<string, unknown>;

/** Follows a `$ref` such as `urn:…:types/primitives#/$defs/Int32` to the schema it names. */
function resolveRef(registry: SchemaRegistry, ref: string): SchemaNode {
  const node = registry.resolve(ref);
  if (node === undefined || typeof node === "boolean") throw new Error(`schema reference ${ref} names no schema object`);
  return node;
}

function shapeOf(registry: SchemaRegistry, schema: SchemaNode, where: string): MemberShape {
  if (typeof schema.$ref === "string") return shapeOf(registry, resolveRef(registry, schema.$ref), where);
  if (Array.isArray(schema.anyOf)) {
    const branches = schema.anyOf as SchemaNode[];
    const nonNull = branches.filter((branch) => branch.type !== "null");
    if (nonNull.length === 1 && branches.length === 2) return { ...shapeOf(registry, nonNull[0], where), nullable: true };
  }
  if (Array.isArray(schema.enum)) return { kind: "enum", nullable: false, members: schema.enum as string[] };
  if (schema.format === "date-time") return { kind: "dateTime", nullable: false };
  if (schema.type === "integer") return { kind: "int32", nullable: false };
  if (schema.type === "string") return { kind: "string", nullable: false };
  if (schema.type === "object") return { kind: "object", nullable: false };
  throw new Error(`${where}: the contracts do not know how to build a value for this schema`);
}

/** Properties a schema declares itself or inherits through `allOf` references, in declaration order. */
function declaredProperties(registry: SchemaRegistry, schema: SchemaNode): [string, SchemaNode][] {
  const inherited = ((schema.allOf as SchemaNode[] | undefined) ?? []).flatMap((part) =>
    declaredProperties(registry, typeof part.$ref === "string" ? resolveRef(registry, part.$ref) : part),
  );
  const own = Object.entries((schema.properties as Record<string, SchemaNode> | undefined) ?? {});
  const merged = new Map<string, SchemaNode>(inherited);
  for (const [name, node] of own) merged.set(name, node);
  return [...merged];
}

/**
 * The members a request body of this operation may carry, read from its request
 * schema: every property of the type except those the request schema forbids
 * (`"id": false`) or marks `readOnly` (a PATCH's `id`, which only the path id may
 * be: a body carries it as a copy of the key, never as a member it sets), and
 * `@odata.type`, which the contracts add on their own.
 */
export function requestMembers(registry: SchemaRegistry, operation: Operation): RequestMember[] {
  const requestSchema = registry.schema(operation.requestSchema);
  return declaredProperties(registry, requestSchema)
    .filter(([name, node]) => name !== "@odata.type" && (node as unknown) !== false && node.readOnly !== true)
    .map(([name, node]) => ({ name, shape: shapeOf(registry, node, `${operation.requestSchema} ${name}`) }));
}
