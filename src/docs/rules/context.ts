import type { SchemaRegistry } from "../../schemas/registry";
import type { Finding } from "../findings";
import type { DocPage, Example } from "../model";
import type { PageTarget } from "../pageTarget";
import type { Schema, SchemaNavigator } from "../schemaNavigator";

/** What a page rule sees: the parsed page, what it documents, and the schemas. */
export interface PageContext {
  page: DocPage;
  /** Undefined when the page is not in the manifest and its type cannot be inferred. */
  target?: PageTarget;
  registry: SchemaRegistry;
  navigator: SchemaNavigator;
}

/** A check of one page: a pure function from the page to its findings. */
export type PageRule = (context: PageContext) => Finding[];

/** A check across every page linted together. */
export type CrossPageRule = (pages: readonly DocPage[]) => Finding[];

/** The schema an example is checked against: the operation's request or response schema. */
export function exampleSchemaName(example: Example, target: PageTarget | undefined): string | undefined {
  if (!target) return undefined;
  if (example.blockType === "request") return target.operation?.requestSchema;
  return target.operation?.responseSchema ?? target.type.responseSchema;
}

/** The entity schema of the page's type, the root for nested-type questions. */
export function entitySchema(context: PageContext): Schema | undefined {
  return context.target ? context.navigator.resolve(context.target.type.entitySchema) : undefined;
}

/** An example's body as a JSON object, or undefined when it has none or it is not an object. */
export function objectBody(example: Example): Record<string, unknown> | undefined {
  const json = example.message.body?.json;
  if (!json?.ok || json.value === null || typeof json.value !== "object" || Array.isArray(json.value)) return undefined;
  return json.value as Record<string, unknown>;
}

/** How a finding names an example: `request example "update_run"`, or `response example (line 95)` when it has no name. */
export function describeExample(example: Example): string {
  return example.annotation.name ? `${example.blockType} example "${example.annotation.name.text}"` : `${example.blockType} example (line ${example.line})`;
}
