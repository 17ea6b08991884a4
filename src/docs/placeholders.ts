import type { JsonPathSegment } from "./model";
import { allows, type Leaf, type Schema, type SchemaNavigator } from "../schemas/navigator";

/** What an ApiDoctor placeholder string stands for. */
export type PlaceholderKind = "string" | "timestamp" | "integer" | "number" | "boolean";

/**
 * ApiDoctor's placeholders: a doc example writes the declared type of a member in
 * place of a value (`"displayName": "String"`, `"failedTasksCount": "Integer"`).
 */
const PLACEHOLDERS: Readonly<Record<string, PlaceholderKind>> = {
  String: "string",
  "String (identifier)": "string",
  Guid: "string",
  "String (timestamp)": "timestamp",
  Integer: "integer",
  Int32: "integer",
  Int64: "integer",
  Double: "number",
  Single: "number",
  Decimal: "number",
  Boolean: "boolean",
};

export function placeholderKind(value: unknown): PlaceholderKind | undefined {
  return typeof value === "string" && Object.hasOwn(PLACEHOLDERS, value) ? PLACEHOLDERS[value] : undefined;
}

/** The evolvable-enum sentinel (rules.md §2): a representative value is never it. */
const ENUM_SENTINEL = "unknownFutureValue";
const REPRESENTATIVE_DATE_TIME = "2000-01-01T00:00:00Z";

function clamp(value: number, leaf: Leaf): number {
  return Math.min(Math.max(value, leaf.minimum ?? value), leaf.maximum ?? value);
}

/** A representative value; KEEP when the kind fits but no value can be made (ajv judges the text); undefined when it does not fit. */
type Fit = { value: unknown } | typeof KEEP | undefined;
const KEEP = "keep";

/**
 * What the placeholder's kind stands for under one declared type. "String" fits any
 * string (plain, enum, date-time); "String (timestamp)" only a date-time; "Integer"
 * an integer or number; a number kind a number; "Boolean" a boolean.
 */
function representative(kind: PlaceholderKind, leaf: Leaf): Fit {
  if (leaf.forbidden) return undefined;
  if (leaf.const !== undefined) return kind === "string" && typeof leaf.const === "string" ? { value: leaf.const } : undefined;
  if (leaf.enum !== undefined) {
    if (kind !== "string" || !leaf.enum.every((member) => typeof member === "string")) return undefined;
    return { value: leaf.enum.find((member) => member !== ENUM_SENTINEL) ?? leaf.enum[0] };
  }
  if (leaf.type === undefined) return KEEP;
  if (kind === "boolean") return allows(leaf, "boolean") ? { value: true } : undefined;
  if (kind === "integer") return allows(leaf, "integer") ? { value: clamp(0, leaf) } : undefined;
  if (kind === "number") return allows(leaf, "number") && leaf.type !== "integer" ? { value: clamp(0, leaf) } : undefined;
  if (!allows(leaf, "string")) return undefined;
  if (leaf.format === "date-time") return { value: REPRESENTATIVE_DATE_TIME };
  if (kind === "timestamp") return undefined;
  // A pattern or another format has no representative we can make; ajv judges the placeholder text.
  if (leaf.format !== undefined || leaf.pattern !== undefined) return KEEP;
  return { value: "x".repeat(Math.max(1, leaf.minLength ?? 1)) };
}

function describeLeaf(leaf: Leaf): string {
  if (leaf.forbidden) return "not allowed";
  if (leaf.enum) return `one of ${leaf.enum.map((member) => JSON.stringify(member)).join(", ")}`;
  const type = Array.isArray(leaf.type) ? leaf.type.join(" or ") : (leaf.type ?? "any type");
  return leaf.format ? `${type} (${leaf.format})` : type;
}

export interface PlaceholderMismatch {
  path: JsonPathSegment[];
  placeholder: string;
  /** The declared type, for the message. */
  declared: string;
}

export interface Substitution {
  /** The example with every fitting placeholder replaced by a representative value. */
  value: unknown;
  /** Placeholders whose kind fits no declared type of their member (left in place). */
  mismatches: PlaceholderMismatch[];
}

/**
 * Replaces each placeholder by a representative valid value of its member's declared
 * schema type when the placeholder's kind fits that type, so ajv can then judge the
 * structure of a placeholder example (members, nesting, enums, @odata.type) like a
 * concrete one. Concrete values are left alone for ajv to judge fully. A placeholder
 * of a member no schema declares stays as it is: ajv reports the unknown member, or
 * an open type (runStatistics, a response's extra members) accepts it.
 */
export function substitutePlaceholders(value: unknown, schema: Schema | undefined, navigator: SchemaNavigator): Substitution {
  const mismatches: PlaceholderMismatch[] = [];

  function walk(current: unknown, currentSchema: Schema | undefined, path: JsonPathSegment[]): unknown {
    if (Array.isArray(current)) return current.map((item, index) => walk(item, navigator.items(currentSchema), [...path, index]));
    if (current !== null && typeof current === "object") {
      return Object.fromEntries(
        Object.entries(current).map(([key, member]) => [key, walk(member, navigator.member(currentSchema, key), [...path, key])]),
      );
    }
    const kind = placeholderKind(current);
    if (kind === undefined || currentSchema === undefined) return current;
    const leaves = navigator.branches(currentSchema).map((branch) => navigator.leaf(branch));
    // A member that may not be there at all is ajv's to report (E8), not a type question.
    if (leaves.every((leaf) => leaf.forbidden)) return current;
    const fits = leaves.map((leaf) => representative(kind, leaf));
    const made = fits.find((fit): fit is { value: unknown } => typeof fit === "object");
    if (made) return made.value;
    if (fits.includes(KEEP)) return current;
    mismatches.push({
      path,
      placeholder: current as string,
      declared: leaves
        .filter((leaf) => !leaf.forbidden && leaf.type !== "null")
        .map(describeLeaf)
        .join(" or "),
    });
    return current;
  }

  return { value: walk(value, schema, []), mismatches };
}
