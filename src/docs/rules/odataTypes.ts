import { formatJsonPath } from "../../schemas/jsonPath";
import { finding, type Finding } from "../findings";
import type { Example, JsonPathSegment } from "../model";
import { withoutHash } from "../pageTarget";
import { describeExample, entitySchema, exampleResources, type PageContext, type PageRule } from "./context";

export interface ODataTypeUse {
  /** Path of the object that carries the `@odata.type`. */
  objectPath: JsonPathSegment[];
  value: string;
  /** The canonical name, without `#`. */
  expected: string;
  matches: boolean;
}

/**
 * Every `@odata.type` in an example body whose expected type is known: the page's
 * type at the top of each resource (each item of an `isCollection` example), the
 * declared type of the member (from the schemas) below it. The names are compared
 * without the leading `#`: a nested value may leave it out, and a response's
 * top-level form is the response schema's business (example-schema).
 */
export function odataTypeUses(example: Example, context: PageContext): ODataTypeUse[] {
  if (!context.target) return [];
  const root = entitySchema(context);
  const uses: ODataTypeUse[] = [];
  const visit = (value: unknown, path: JsonPathSegment[], resourcePath: JsonPathSegment[]): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, [...path, index], resourcePath));
      return;
    }
    if (value === null || typeof value !== "object") return;
    const record = value as Record<string, unknown>;
    const declared = record["@odata.type"];
    if (typeof declared === "string") {
      const below = path.slice(resourcePath.length);
      const expected =
        below.length === 0 ? withoutHash(context.target!.type.odataType) : context.navigator.declaredODataType(context.navigator.at(root, below));
      if (expected) uses.push({ objectPath: path, value: declared, expected, matches: withoutHash(declared) === expected });
    }
    for (const [key, member] of Object.entries(record)) visit(member, [...path, key], resourcePath);
  };
  for (const resource of exampleResources(example)) visit(resource.value, resource.path, resource.path);
  return uses;
}

/** odata-type-mismatch: an example's @odata.type (top-level, nested, or in its annotation) is not the canonical name. */
export const odataTypeRule: PageRule = (context) => {
  const { page, target } = context;
  if (!target) return [];
  const findings: Finding[] = [];
  const canonical = withoutHash(target.type.odataType);
  for (const example of page.examples) {
    const annotated = example.annotation.odataType;
    if (annotated && withoutHash(annotated.text) !== canonical) {
      findings.push(
        finding(page.path, annotated.line, "odata-type-mismatch", `annotation @odata.type "${annotated.text}" of ${describeExample(example)} is not "${canonical}"`),
      );
    }
    const json = example.json;
    for (const use of odataTypeUses(example, context)) {
      if (use.matches || !json?.ok) continue;
      const topLevel = use.objectPath.length === 0;
      const where = topLevel ? "" : ` at ${formatJsonPath(use.objectPath)}`;
      const hashNote = topLevel ? "" : ' (the leading "#" may be left out)';
      findings.push(
        finding(
          page.path,
          json.lineOf([...use.objectPath, "@odata.type"]),
          "odata-type-mismatch",
          `@odata.type "${use.value}"${where} in ${describeExample(example)} is not "#${use.expected}"${hashNote}`,
        ),
      );
    }
  }
  return findings;
};
