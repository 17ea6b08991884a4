import { SchemaNavigator, type Branch, type Schema } from "./navigator";
import type { SchemaRegistry } from "./registry";

/**
 * The one reading of the schemas that the rest of the suite builds on: the members
 * of a type and their kinds, what a body must carry, what may be null, the
 * canonical `@odata.type` and a valid sample entity. Every fact comes from the
 * compiled JSON Schemas through the navigator; nothing here names a member.
 */

/** What the suite needs to know about a member's schema to build, match and break values. */
export type MemberShape =
  | { kind: "string"; nullable: boolean }
  | { kind: "dateTime"; nullable: boolean }
  | { kind: "int32"; nullable: boolean }
  | { kind: "number"; nullable: boolean }
  | { kind: "boolean"; nullable: boolean }
  | { kind: "enum"; nullable: boolean; members: readonly string[] }
  /** An object open to any member (`statistics`, `blockingError`): its `@odata.type`, when it declares one literal name. */
  | { kind: "object"; nullable: boolean; odataType?: string }
  /** An object that admits only the members it declares. */
  | { kind: "nestedObject"; nullable: boolean; members: readonly Member[]; required: readonly string[] }
  | { kind: "array"; nullable: boolean; items: MemberShape };

export interface Member {
  name: string;
  shape: MemberShape;
}

/** A schema the suite cannot build values for: named where it sits, so a user's schema error says which member. */
export class UnsupportedSchema extends Error {}

export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;

function isNullBranch(navigator: SchemaNavigator, branch: Branch): boolean {
  const leaf = navigator.leaf(branch);
  return leaf.type === "null" || (Array.isArray(leaf.type) && leaf.type.length === 1 && leaf.type[0] === "null");
}

/**
 * Every `properties` entry a branch declares: the schema's own over those it builds
 * on (a request schema's `"id": false` over its type's `id`), in the order of the
 * deepest base first (the branch lists the schema itself first, its bases after).
 */
function branchProperties(branch: Branch): Map<string, Schema> {
  const merged = new Map<string, Schema>();
  for (const part of [...branch].reverse()) {
    if (typeof part !== "object") continue;
    for (const [name, node] of Object.entries((part.properties as Record<string, Schema> | undefined) ?? {})) merged.set(name, node);
  }
  return merged;
}

function branchRequired(branch: Branch): string[] {
  return [...new Set(branch.flatMap((part) => (typeof part === "object" && Array.isArray(part.required) ? (part.required as string[]) : [])))];
}

/** Whether a branch closes its object: `additionalProperties: false` or `unevaluatedProperties: false` on any part. */
function branchClosed(branch: Branch): boolean {
  return branch.some((part) => typeof part === "object" && (part.additionalProperties === false || part.unevaluatedProperties === false));
}

export class SchemaModel {
  readonly navigator: SchemaNavigator;

  constructor(readonly registry: SchemaRegistry) {
    this.navigator = new SchemaNavigator(registry);
  }

  /** The schema a registry name or `$id` names, as a branch list: the type's only object reading. */
  private objectBranch(schemaName: string): Branch {
    const branches = this.navigator.branches(this.registry.schema(schemaName)).filter((branch) => !isNullBranch(this.navigator, branch));
    if (branches.length !== 1) throw new UnsupportedSchema(`${schemaName}: an entity or body schema must describe one object (found ${branches.length} alternatives)`);
    return branches[0];
  }

  shapeOf(schema: Schema, where: string): MemberShape {
    const branches = this.navigator.branches(schema);
    const values = branches.filter((branch) => !isNullBranch(this.navigator, branch));
    const nullableBranch = values.length < branches.length;
    if (values.length !== 1) throw new UnsupportedSchema(`${where}: the suite builds values for one type or a type or null, not ${values.length} alternatives`);
    const branch = values[0];
    const leaf = this.navigator.leaf(branch);
    const types = leaf.type === undefined ? [] : (Array.isArray(leaf.type) ? leaf.type : [leaf.type]).filter((type) => type !== "null");
    const nullable = nullableBranch || (Array.isArray(leaf.type) && leaf.type.includes("null"));
    if (leaf.forbidden) throw new UnsupportedSchema(`${where}: the member is forbidden (false)`);
    if (Array.isArray(leaf.enum)) {
      const members = leaf.enum.filter((value): value is string => typeof value === "string");
      if (members.length !== leaf.enum.filter((value) => value !== null).length) throw new UnsupportedSchema(`${where}: only enums of strings are supported`);
      return { kind: "enum", nullable: nullable || leaf.enum.includes(null), members };
    }
    if (types.length !== 1) throw new UnsupportedSchema(`${where}: the schema must name one JSON type (or one type and null), found ${types.length === 0 ? "none" : types.join(", ")}`);
    switch (types[0]) {
      case "string":
        if (leaf.format === "date-time") return { kind: "dateTime", nullable };
        if (leaf.format !== undefined || leaf.pattern !== undefined) throw new UnsupportedSchema(`${where}: strings with a format other than date-time, or a pattern, are not supported`);
        return { kind: "string", nullable };
      case "integer":
        if (leaf.minimum !== undefined && leaf.minimum < INT32_MIN) throw new UnsupportedSchema(`${where}: integers wider than Int32 are not supported`);
        if (leaf.maximum !== undefined && leaf.maximum > INT32_MAX) throw new UnsupportedSchema(`${where}: integers wider than Int32 are not supported`);
        return { kind: "int32", nullable };
      case "number":
        return { kind: "number", nullable };
      case "boolean":
        return { kind: "boolean", nullable };
      case "array": {
        const items = this.navigator.items(schema);
        if (items === undefined) throw new UnsupportedSchema(`${where}: an array must declare its items`);
        return { kind: "array", nullable, items: this.shapeOf(items, `${where}[]`) };
      }
      case "object": {
        if (!branchClosed(branch)) {
          const odataType = this.navigator.declaredODataType({ allOf: branch });
          return { kind: "object", nullable, ...(odataType ? { odataType: `#${odataType}` } : {}) };
        }
        const members = [...branchProperties(branch)]
          .filter(([name, node]) => name !== "@odata.type" && node !== false)
          .map(([name, node]) => ({ name, shape: this.shapeOf(node, `${where}.${name}`) }));
        return { kind: "nestedObject", nullable, members, required: branchRequired(branch).filter((name) => name !== "@odata.type") };
      }
      default:
        throw new UnsupportedSchema(`${where}: JSON type ${types[0]} is not supported`);
    }
  }

  /**
   * The members a request body may carry, read from its request schema: every
   * property except those it forbids (`"id": false`) or marks `readOnly` (a PATCH's
   * `id`, which only the path id may be: a copy of the key, never a member it sets),
   * and `@odata.type`, which the suite adds on its own.
   */
  requestMembers(requestSchema: string): Member[] {
    return [...branchProperties(this.objectBranch(requestSchema))]
      .filter(([name, node]) => name !== "@odata.type" && node !== false && !(typeof node === "object" && node.readOnly === true))
      .map(([name, node]) => ({ name, shape: this.shapeOf(node, `${requestSchema} ${name}`) }));
  }

  /** The members an entity of the type has: every property but `id` (the key) and `@odata.type`. */
  entityMembers(entitySchema: string): Member[] {
    return [...branchProperties(this.objectBranch(entitySchema))]
      .filter(([name, node]) => name !== "@odata.type" && name !== "id" && node !== false)
      .map(([name, node]) => ({ name, shape: this.shapeOf(node, `${entitySchema} ${name}`) }));
  }

  /** The members a schema requires, its own and those of the schemas it builds on. */
  required(schemaName: string): string[] {
    return branchRequired(this.objectBranch(schemaName));
  }

  /** The `@odata.type` a schema declares (const or one-name pattern), with its `#`. */
  odataType(schemaName: string): string | undefined {
    const name = this.navigator.declaredODataType(this.registry.schema(schemaName));
    return name === undefined ? undefined : `#${name}`;
  }

  /**
   * The schema of the type a response or request schema refines: the target of its
   * first `allOf` reference (`responses/industryData.run` → `types/industryData.run`),
   * or the schema itself when it refines none.
   */
  entitySchemaOf(schemaName: string): string {
    const schema = this.registry.schema(schemaName);
    const base = ((schema.allOf as Schema[] | undefined) ?? []).find((part): part is Record<string, unknown> => typeof part === "object" && typeof part.$ref === "string");
    return base ? (base.$ref as string) : schemaName;
  }

  /**
   * A fresh, valid entity of the type (without its id): what a provider-state setup
   * holds. Plain values only: null where null is allowed, the first enum member that
   * is not the evolvable sentinel, so any PATCH a check sends starts from a known entity.
   */
  sampleEntity(entitySchema: string): Record<string, unknown> {
    return Object.fromEntries(this.entityMembers(entitySchema).map((member) => [member.name, sampleValue(member.shape)]));
  }
}

/** The fixed instant of every sample date-time. */
const SAMPLE_DATE_TIME = "2026-01-05T08:00:00Z";
/** The evolvable-enum sentinel (rules.md §2): a server may accept or refuse it, so no sample or positive check uses it. */
export const ENUM_SENTINEL = "unknownFutureValue";

export function sampleValue(shape: MemberShape): unknown {
  if (shape.nullable) return null;
  switch (shape.kind) {
    case "string":
      return "sample";
    case "dateTime":
      return SAMPLE_DATE_TIME;
    case "int32":
    case "number":
      return 0;
    case "boolean":
      return false;
    case "enum":
      return shape.members.find((member) => member !== ENUM_SENTINEL) ?? shape.members[0];
    case "object":
      return shape.odataType ? { "@odata.type": shape.odataType } : {};
    case "nestedObject":
      return Object.fromEntries(shape.members.filter((member) => shape.required.includes(member.name)).map((member) => [member.name, sampleValue(member.shape)]));
    case "array":
      return [];
  }
}

const requestMembersByRegistry = new WeakMap<SchemaRegistry, Map<string, readonly Member[]>>();

/**
 * The members a request body of the schema may carry (see SchemaModel.requestMembers),
 * read once per registry and schema: case generation and the checks ask for them per case.
 */
export function requestMembers(registry: SchemaRegistry, requestSchema: string): readonly Member[] {
  let bySchema = requestMembersByRegistry.get(registry);
  if (!bySchema) {
    bySchema = new Map();
    requestMembersByRegistry.set(registry, bySchema);
  }
  let members = bySchema.get(requestSchema);
  if (!members) {
    members = new SchemaModel(registry).requestMembers(requestSchema);
    bySchema.set(requestSchema, members);
  }
  return members;
}
