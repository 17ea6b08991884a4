import type { SchemaRegistry } from "../../schemas/registry";
import type { Finding } from "../findings";
import type { DocPage, Example, JsonPathSegment } from "../model";
import type { PageTarget } from "../pageTarget";
import type { Schema, SchemaNavigator } from "../../schemas/navigator";
import { isObject } from "../../isObject";

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

/**
 * A check across every page linted together. Pages are linted one at a time and
 * dropped, maybe in another thread, so a cross-page rule takes from each page only
 * what it needs, as plain data (`digest`); its check collects the digests in page
 * order and reports once every page was seen (`findings`).
 */
export interface CrossPageCheck<Digest> {
  collect(digest: Digest): void;
  findings(): Finding[];
}

export interface CrossPageRule<Digest = unknown> {
  digest(page: DocPage): Digest;
  /** Makes a fresh check for one lint run. */
  check(): CrossPageCheck<Digest>;
}

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

/** An example's JSON body as an object, or undefined when it has none, it is not JSON, or not an object. */
export function objectBody(example: Example): Record<string, unknown> | undefined {
  const json = example.json;
  return json?.ok && isObject(json.value) ? json.value : undefined;
}

/** One resource an example shows, and where it is in the body. */
export interface ExampleResource {
  path: JsonPathSegment[];
  value: Record<string, unknown>;
}

/**
 * The resources an example body shows: the body itself, or, for an `isCollection`
 * example, each object in its `value` array (a collection response wraps them so).
 */
export function exampleResources(example: Example): ExampleResource[] {
  const body = objectBody(example);
  if (!body) return [];
  if (!example.annotation.isCollection) return [{ path: [], value: body }];
  const items = Array.isArray(body.value) ? body.value : [];
  return items.flatMap((item, index) => (isObject(item) ? [{ path: ["value", index], value: item }] : []));
}

/** How a finding names an example: `request example "update_run"`, or `response example (line 95)` when it has no name. */
export function describeExample(example: Example): string {
  return example.annotation.name ? `${example.blockType} example "${example.annotation.name.text}"` : `${example.blockType} example (line ${example.line})`;
}
