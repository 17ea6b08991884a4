import type { ErrorObject } from "ajv";
import { escapePointerSegment, formatJsonPath, pointerSegments } from "./jsonPath";

/** The rule of rules.md §3–4 that a schema violation breaks. */
export type ViolationRule = "E4" | "E5" | "E6" | "E7" | "E8" | "E10" | "E11" | "E13" | "E14" | "P1";

export interface SchemaViolation {
  /** JSONPath of the offending value, e.g. `$.statistics` or `$.details[0].code`. */
  path: string;
  rule: ViolationRule;
  message: string;
  /** The ajv keyword that failed, for tools that want the raw reason. */
  keyword: string;
}

/**
 * A pointer as a JSONPath. ajv's instancePath does not tell an array index from a
 * member name, so a segment that reads as an index (no leading zero) is taken as one.
 */
function pointerToPath(pointer: string): string {
  return formatJsonPath(pointerSegments(pointer).map((segment) => (/^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment)));
}

function valueAt(data: unknown, pointer: string): unknown {
  let value = data;
  for (const key of pointerSegments(pointer)) {
    value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

function isInt32Error(error: ErrorObject, value: unknown): boolean {
  if (error.keyword === "minimum" || error.keyword === "maximum") return true;
  return error.keyword === "type" && error.params.type === "integer" && typeof value === "number";
}

function classify(error: ErrorObject, value: unknown, path: string): { rule: ViolationRule; message: string } {
  const member = error.params.unevaluatedProperty ?? error.params.additionalProperty;
  if (member !== undefined) return { rule: "E8", message: `unknown member "${member}"` };
  if (error.keyword === "false schema") return { rule: "E8", message: "member is read-only or not allowed here" };
  if (error.keyword === "required") {
    const missing = String(error.params.missingProperty);
    return { rule: missing === "id" || missing === "@odata.type" ? "P1" : "E10", message: `missing required member "${missing}"` };
  }
  if (path.endsWith("@odata.type\"]")) {
    return { rule: "E11", message: `@odata.type ${JSON.stringify(value)} does not name this type (${error.message})` };
  }
  if (error.keyword === "enum") {
    const allowed = (error.params.allowedValues as unknown[]).join(", ");
    return { rule: "E4", message: `${JSON.stringify(value)} is not a member of the enum (${allowed})` };
  }
  if (error.keyword === "format") return { rule: "E7", message: `${JSON.stringify(value)} is not an RFC 3339 date-time` };
  if (isInt32Error(error, value)) return { rule: "E6", message: `${JSON.stringify(value)} is not an Int32 (an integer from -2147483648 to 2147483647)` };
  if (error.keyword === "type" && path === "$") {
    return { rule: "E14", message: value === undefined ? "the body must be a JSON object, and none was sent" : `the body must be a JSON object, not ${JSON.stringify(value)}` };
  }
  if (error.keyword === "type" && value === null) return { rule: "E13", message: "null is not allowed: the member is not nullable" };
  if (error.keyword === "type") return { rule: "E5", message: `${JSON.stringify(value)} ${error.message}` };
  if (error.keyword === "const") return { rule: "P1", message: `${JSON.stringify(value)} must be ${JSON.stringify(error.params.allowedValue)}` };
  return { rule: "E5", message: error.message ?? error.keyword };
}

/**
 * Turns ajv's raw errors into one violation per offending value. A nullable member
 * is an `anyOf` of its type and null, so ajv reports the failed null branch and the
 * `anyOf` itself too; those say nothing the type branch does not, and are dropped.
 */
export function toViolations(errors: readonly ErrorObject[], data: unknown): SchemaViolation[] {
  const byPath = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    if (error.keyword === "anyOf") continue;
    // Name the member itself (unknown or missing), not the object that holds it.
    const member = error.params.unevaluatedProperty ?? error.params.additionalProperty ?? error.params.missingProperty;
    const pointer = member === undefined ? error.instancePath : `${error.instancePath}/${escapePointerSegment(String(member))}`;
    byPath.set(pointer, [...(byPath.get(pointer) ?? []), error]);
  }
  const violations: SchemaViolation[] = [];
  const seen = new Set<string>();
  for (const [pointer, pathErrors] of byPath) {
    const value = valueAt(data, pointer);
    const meaningful = pathErrors.filter((error) => !(error.keyword === "type" && error.params.type === "null" && value !== null));
    for (const error of meaningful.length > 0 ? meaningful : pathErrors) {
      const path = pointerToPath(pointer);
      const { rule, message } = classify(error, value, path);
      const key = `${path}\u0000${rule}\u0000${message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      violations.push({ path, rule, message, keyword: error.keyword });
    }
  }
  return violations;
}
