import type { SchemaRegistry } from "./registry";

/** A JSON Schema (2020-12) as loaded from `schemas/`: an object or a boolean. */
export type Schema = Record<string, unknown> | boolean;

/**
 * One way a value can satisfy a schema: the schema parts that all apply at once
 * ($ref targets and allOf members flattened; anyOf alternatives split into branches).
 */
export type Branch = Schema[];

/** The facts of a branch that describe a single value, merged over its parts. */
export interface Leaf {
  forbidden: boolean;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  pattern?: string;
}

const LEAF_KEYS = ["type", "format", "enum", "const", "minimum", "maximum", "minLength", "pattern"] as const;

function product(left: Branch[], right: Branch[]): Branch[] {
  return left.flatMap((a) => right.map((b) => [...a, ...b]));
}

/**
 * Reads the project's schemas the way ajv applies them, for the questions ajv does
 * not answer: what is the declared schema of the member at this path (to pick a value
 * a placeholder stands for), and what type name does a nested `@odata.type` expect.
 * It never decides validity; ajv does.
 */
export class SchemaNavigator {
  constructor(private readonly registry: SchemaRegistry) {}

  /** The schema a registry name or absolute `$ref` (with optional `#/pointer`) points at. */
  resolve(ref: string): Schema | undefined {
    return this.registry.resolve(ref);
  }

  branches(schema: Schema | undefined): Branch[] {
    if (schema === undefined || typeof schema === "boolean") return [[schema ?? true]];
    let result: Branch[] = [[schema]];
    if (typeof schema.$ref === "string") {
      const target = this.resolve(schema.$ref);
      // An unresolvable $ref says nothing we can use; ajv reports it at compile time anyway.
      if (target !== undefined) result = product(result, this.branches(target));
    }
    for (const part of (schema.allOf as Schema[] | undefined) ?? []) result = product(result, this.branches(part));
    const alternatives = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
    if (alternatives) result = product(result, alternatives.flatMap((option) => this.branches(option)));
    return result;
  }

  leaf(branch: Branch): Leaf {
    const leaf: Leaf = { forbidden: branch.includes(false) };
    for (const part of branch) {
      if (typeof part === "boolean") continue;
      for (const key of LEAF_KEYS) if (part[key] !== undefined) (leaf as unknown as Record<string, unknown>)[key] = part[key];
    }
    return leaf;
  }

  /**
   * The schema of member `key` of an object value under `schema`: the declarations of
   * the first object branch that declares it (or its additionalProperties); undefined
   * when no branch knows the member.
   */
  member(schema: Schema | undefined, key: string): Schema | undefined {
    let additional: Schema | undefined;
    for (const branch of this.branches(schema)) {
      const leaf = this.leaf(branch);
      if (leaf.forbidden || !allows(leaf, "object")) continue;
      const declared = branch.flatMap((part) => {
        const properties = typeof part === "object" ? (part.properties as Record<string, Schema> | undefined) : undefined;
        return properties && Object.hasOwn(properties, key) ? [properties[key]] : [];
      });
      if (declared.length > 0) return { allOf: declared };
      for (const part of branch) {
        if (typeof part === "object" && part.additionalProperties !== undefined) additional ??= part.additionalProperties as Schema;
      }
    }
    return additional;
  }

  items(schema: Schema | undefined): Schema | undefined {
    for (const branch of this.branches(schema)) {
      for (const part of branch) {
        if (typeof part === "object" && part.items !== undefined) return part.items as Schema;
      }
    }
    return undefined;
  }

  /** The schema at a path of member names and array indexes below `schema`. */
  at(schema: Schema | undefined, path: readonly (string | number)[]): Schema | undefined {
    let current = schema;
    for (const segment of path) {
      if (current === undefined) return undefined;
      current = typeof segment === "number" ? this.items(current) : this.member(current, segment);
    }
    return current;
  }

  /**
   * The `@odata.type` an object under `schema` declares, without its `#`: read from
   * a `const`, or from a pattern that matches one literal name (`^#?a\.b\.c$`).
   */
  declaredODataType(schema: Schema | undefined): string | undefined {
    const declaration = this.member(schema, "@odata.type");
    if (declaration === undefined) return undefined;
    for (const branch of this.branches(declaration)) {
      const leaf = this.leaf(branch);
      if (typeof leaf.const === "string") return leaf.const.replace(/^#/, "");
      const literal = leaf.pattern === undefined ? null : /^\^#\?((?:[A-Za-z0-9_]|\\\.)+)\$$/.exec(leaf.pattern);
      if (literal) return literal[1].replace(/\\\./g, ".");
    }
    return undefined;
  }
}

/** Whether a leaf's `type` (absent = any) admits a JSON type. */
export function allows(leaf: Leaf, jsonType: string): boolean {
  if (leaf.type === undefined) return true;
  const types = Array.isArray(leaf.type) ? leaf.type : [leaf.type];
  return types.includes(jsonType) || (jsonType === "integer" && types.includes("number"));
}
