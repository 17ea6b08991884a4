import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ErrorObject } from "ajv/dist/2020";
import { UsageError } from "../exitCodes";
import { readJsonFile } from "../jsonFile";
import type { OperationEntry } from "../operations";
import { PACKAGE_ROOT } from "../packageFiles";
import { isObject } from "../isObject";
import type { AddedSchema } from "../schemas/registry";
import { buildCatalog, CatalogError, type Catalog, type CatalogSource } from "./index";

/**
 * `--operations FILE`: operations a user adds without a fork. The file lists
 * entries of the manifest's kind; `requestSchema`, `responseSchema`, `page` and the
 * optional `schemas` (further files the two `$ref`) are paths relative to the file.
 * Schemas are JSON Schema 2020-12 and may `$ref` the shipped ones by `$id`.
 */

/** The file's JSON Schema, shipped for editors (`"$schema"`) and read here: one statement of the format. */
const FILE_SCHEMA = path.join(PACKAGE_ROOT, "graph-conformance.operations.schema.json");

interface OperationsFile {
  operations: OperationEntry[];
  schemas?: string[];
}

function entryName(document: unknown, index: number): string {
  const id = (document as { operations?: { id?: unknown }[] }).operations?.[index]?.id;
  return `operations[${index}]${typeof id === "string" ? ` (${id})` : ""}`;
}

/** One line for ajv's first error: which entry, which field, what is wrong. */
function describeError(document: unknown, error: ErrorObject): string {
  const [, top, index, field] = error.instancePath.split("/");
  const where = top === "operations" && index !== undefined ? entryName(document, Number(index)) : top ? top : "the file";
  if (error.keyword === "required") return `${where}: missing field ${(error.params as { missingProperty: string }).missingProperty}`;
  if (error.keyword === "additionalProperties") return `${where}: unknown field ${(error.params as { additionalProperty: string }).additionalProperty}`;
  return `${where}${field ? `: ${field}` : ""} ${error.message ?? "is invalid"}`;
}

function readSchemaFile(file: string, shownAs: string): AddedSchema {
  const document = readJsonFile(file, `${shownAs}: schema ${file}`);
  if (!isObject(document)) throw new UsageError(`${shownAs}: schema ${file} is not a JSON object`);
  const relative = relativeRef(document);
  if (relative !== undefined) throw new UsageError(`${shownAs}: schema ${file} has the $ref ${JSON.stringify(relative)}: refer to schemas by their absolute $id (with an optional #/pointer)`);
  // A schema without an $id is named by its file, so that it is reported by it.
  return { file, document: typeof document.$id === "string" ? document : { ...document, $id: pathToFileURL(file).href } };
}

/** The first `$ref` below `node` that is not an absolute URI: the registry resolves schemas by `$id` only. */
function relativeRef(node: unknown): string | undefined {
  if (Array.isArray(node)) return node.map(relativeRef).find((ref) => ref !== undefined);
  if (!isObject(node)) return undefined;
  if (typeof node.$ref === "string" && !/^[a-z][a-z0-9+.-]*:/i.test(node.$ref)) return node.$ref;
  return Object.values(node).map(relativeRef).find((ref) => ref !== undefined);
}

/** The catalog of the built-in operations and a file's; a bad file is a UsageError (exit 2) naming the entry. */
export function loadOperationsFile(file: string): Catalog {
  const document = readJsonFile(file, `--operations ${file}`);
  // ajv is loaded here, not with the module: the Pact worker imports this module but rarely has a file to read.
  const { default: Ajv2020 } = require("ajv/dist/2020") as typeof import("ajv/dist/2020");
  const ajv = new Ajv2020({ allErrors: false, strict: true });
  const validate = ajv.compile<OperationsFile>(JSON.parse(fs.readFileSync(FILE_SCHEMA, "utf8")) as object);
  if (!validate(document)) throw new UsageError(`--operations ${file}: ${describeError(document, validate.errors![0])}`);
  const baseDir = path.dirname(file);
  const schemas = new Map<string, AddedSchema>();
  const schemaIdOf = (relative: string, shownAs: string): string => {
    // An absolute URI names a schema by $id (a shipped one, or one of `schemas`); anything else is a file.
    if (/^[a-z][a-z0-9+.-]*:/i.test(relative)) return relative;
    const absolute = path.resolve(baseDir, relative);
    const known = schemas.get(absolute) ?? readSchemaFile(absolute, shownAs);
    schemas.set(absolute, known);
    return known.document.$id as string;
  };
  for (const extra of document.schemas ?? []) schemaIdOf(extra, `--operations ${file}: schemas`);
  const sources: CatalogSource[] = document.operations.map((entry, index) => {
    const where = `--operations ${file}: ${entryName(document, index)}`;
    if (!fs.existsSync(path.resolve(baseDir, entry.page))) throw new UsageError(`${where}: page ${entry.page} does not exist (relative to the file)`);
    return {
      entry: { ...entry, requestSchema: schemaIdOf(entry.requestSchema, where), responseSchema: schemaIdOf(entry.responseSchema, where) },
      baseDir,
      where,
    };
  });
  try {
    return buildCatalog(sources, [...schemas.values()], file);
  } catch (error) {
    if (error instanceof CatalogError) throw new UsageError(error.message.startsWith("--operations") ? error.message : `--operations ${file}: ${error.message}`);
    throw error;
  }
}
