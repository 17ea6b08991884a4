import type { OpenAPIV3_1 } from "openapi-types";
import { SCHEMA_ID_PREFIX, type SchemaRegistry } from "../schemas/registry";
import { isObject } from "../isObject";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const COMPONENT_SCHEMAS = "#/components/schemas/";

/** Keywords that only annotate a schema: a schema with nothing else is a mere `$defs` container. */
const ANNOTATION_KEYWORDS = new Set(["$schema", "$id", "$defs", "title", "description"]);

/**
 * The component name of a schema: its name under `schemas/` with `/` turned into `.`
 * (`types/industryData.run` → `types.industryData.run`), since OpenAPI component
 * names may not contain `/`. A schema an operations file adds is named by its whole
 * `$id`, under `added.` so it cannot meet a shipped name.
 */
export function componentName(schemaNameOrId: string): string {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(schemaNameOrId)) return schemaNameOrId.replaceAll("/", ".");
  if (schemaNameOrId.startsWith(SCHEMA_ID_PREFIX)) return componentName(schemaNameOrId.slice(SCHEMA_ID_PREFIX.length));
  return `added.${schemaNameOrId.replace(/^[a-z][a-z0-9+.-]*:(\/\/)?/i, "").replace(/[^A-Za-z0-9_.-]+/g, ".")}`;
}

/** A `$ref` to the component of a schema name such as `responses/industryData.run`. */
export function componentRef(schemaName: string): { $ref: string } {
  return { $ref: COMPONENT_SCHEMAS + componentName(schemaName) };
}

/**
 * Rewrites one `urn:graph-conformance:schema:<name>[#fragment]` reference (or a
 * fragment-only one, relative to the schema it sits in) to a components reference.
 * `#/$defs/<def>` targets the hoisted `<component>.<def>`; any other fragment stays a
 * JSON pointer into the component.
 */
function rewriteRef(ref: string, baseSchemaName: string, knownNames: ReadonlySet<string>): string {
  const hash = ref.indexOf("#");
  const target = hash === -1 ? ref : ref.slice(0, hash);
  const fragment = hash === -1 ? "" : ref.slice(hash + 1);
  const schemaName = target === "" ? baseSchemaName : target;
  if (!knownNames.has(schemaName)) throw new Error(`schema ${baseSchemaName}: $ref ${ref} names no loaded schema`);
  const definition = /^\/\$defs\/([^/]+)$/.exec(fragment);
  if (definition) return COMPONENT_SCHEMAS + componentName(schemaName) + "." + definition[1];
  return COMPONENT_SCHEMAS + componentName(schemaName) + (fragment === "" ? "" : fragment);
}

/**
 * A free-form object: `type: object` that says nothing about its members. JSON Schema
 * already admits any member there; OpenAPI tools that close undeclared response objects
 * (PactFlow's comparator sets `additionalProperties: false` unless a schema is given)
 * would turn it into an object that may have no member at all.
 */
function isFreeFormObject(schema: JsonObject): boolean {
  return (
    schema.type === "object" &&
    !("properties" in schema) &&
    !("patternProperties" in schema) &&
    !("additionalProperties" in schema) &&
    !("unevaluatedProperties" in schema) &&
    !("allOf" in schema) &&
    !("anyOf" in schema) &&
    !("oneOf" in schema) &&
    !("$ref" in schema)
  );
}

/**
 * Copies a schema for embedding: drops `$id`/`$schema`/`$defs` (the document's
 * `jsonSchemaDialect` is 2020-12 and a `$id` would re-base every `#/components/...`
 * reference inside it), rewrites `$ref`s, and states openness explicitly as the
 * empty schema `{}` (same meaning as `true` or as leaving it out, see isFreeFormObject).
 */
function embed(value: Json, baseSchemaName: string, knownNames: ReadonlySet<string>): Json {
  if (Array.isArray(value)) return value.map((item) => embed(item, baseSchemaName, knownNames));
  if (!isObject(value)) return value;
  const copy: JsonObject = {};
  for (const [key, member] of Object.entries(value)) {
    if (key === "$id" || key === "$schema" || key === "$defs") continue;
    if (key === "$ref" && typeof member === "string") copy.$ref = rewriteRef(member, baseSchemaName, knownNames);
    else if (key === "additionalProperties" && member === true) copy.additionalProperties = {};
    else copy[key] = embed(member, baseSchemaName, knownNames);
  }
  if (isFreeFormObject(copy)) copy.additionalProperties = {};
  return copy;
}

/**
 * Every schema of the registry as `components/schemas`, sorted by name. A schema's
 * `$defs` become components of their own (`types.primitives.DateTimeOffset`), and a
 * schema that only holds `$defs` is left out.
 */
export function componentSchemas(registry: SchemaRegistry): Record<string, OpenAPIV3_1.SchemaObject> {
  const names = registry.ids;
  const knownNames = new Set(names);
  const components: Record<string, Json> = {};
  for (const name of names) {
    const document = registry.schema(name) as JsonObject;
    const definitions = document.$defs;
    if (isObject(definitions)) {
      for (const [definition, schema] of Object.entries(definitions)) {
        components[`${componentName(name)}.${definition}`] = embed(schema, name, knownNames);
      }
    }
    if (Object.keys(document).some((key) => !ANNOTATION_KEYWORDS.has(key))) {
      components[componentName(name)] = embed(document, name, knownNames);
    }
  }
  const sorted = Object.keys(components).sort();
  return Object.fromEntries(sorted.map((name) => [name, components[name] as OpenAPIV3_1.SchemaObject]));
}
