import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type Ajv2020 from "ajv/dist/2020";
import type { ErrorObject, Options, ValidateFunction } from "ajv/dist/2020";
import { SCHEMAS_DIR } from "../packageFiles";
import { unescapePointerSegment } from "./jsonPath";
import { toViolations, type SchemaViolation } from "./violations";

/** Every schema `$id` starts with this; the rest names the file under `schemas/`. */
export const SCHEMA_ID_PREFIX = "urn:graph-conformance:schema:";

export const DEFAULT_SCHEMA_DIR = SCHEMAS_DIR;

export function schemaId(name: string): string {
  return SCHEMA_ID_PREFIX + name;
}

export interface ValidationResult {
  valid: boolean;
  violations: SchemaViolation[];
}

export interface SchemaRegistry {
  /** Every `$id` loaded, sorted. */
  readonly ids: readonly string[];
  /** The schema document with that `$id` (or a short name such as `requests/industryData.run.patch`). */
  schema(id: string): Record<string, unknown>;
  /**
   * The schema a `$ref` points at: `<$id or short name>` with an optional
   * `#/json/pointer`. Undefined when it names nothing (ajv would refuse such a
   * reference when compiling, so only a caller's own ref can miss).
   */
  resolve(ref: string): Record<string, unknown> | boolean | undefined;
  validate(id: string, data: unknown): ValidationResult;
  /** Whether a schema with that `$id` (or short name) is loaded. */
  has(id: string): boolean;
}

function listSchemaFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".schema.json"))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** A schema file as read: its text (for the fingerprint) and its document. */
interface SchemaFile {
  file: string;
  text: string;
  document: Record<string, unknown>;
}

/** The `*.schema.json` files below `dir`, in a stable order. */
export function readSchemaFiles(dir: string = DEFAULT_SCHEMA_DIR): SchemaFile[] {
  return listSchemaFiles(dir).map((file) => {
    const text = fs.readFileSync(file, "utf8");
    return { file, text, document: JSON.parse(text) as Record<string, unknown> };
  });
}

/** Names the exact set of schema files (paths below `dir` and contents) that precompiled validators were made from. */
export function schemaFingerprint(dir: string, files: readonly SchemaFile[]): string {
  const hash = createHash("sha256");
  for (const { file, text } of files) hash.update(`${path.relative(dir, file)}\0${text}\0`);
  return hash.digest("hex");
}

/**
 * ajv's options, the same at run time and for the build's precompiled validators.
 * strictRequired is off because request and response schemas require members their
 * base type declares through allOf, which that check cannot see.
 */
const AJV_OPTIONS: Options = { strict: true, strictRequired: false, allErrors: true };

/** An ajv with the formats, loaded only when a schema must be compiled here (a process that validates through precompiled validators never loads it). */
export function createAjv(extra: Options = {}): Ajv2020 {
  const { default: Ajv } = require("ajv/dist/2020") as typeof import("ajv/dist/2020");
  const { default: addFormats } = require("ajv-formats") as typeof import("ajv-formats");
  const ajv = new Ajv({ ...AJV_OPTIONS, ...extra });
  addFormats(ajv);
  return ajv;
}

/**
 * Validators generated at build time (ajv's standalone code, see precompile.ts) for
 * the shipped schema files with this fingerprint, keyed by `$id`.
 */
export interface PrecompiledValidators {
  fingerprint: string;
  validators: Record<string, ValidateFunction>;
}

/** Where the build writes the shipped schemas' precompiled validators. */
export const PRECOMPILED_MODULE = path.join(__dirname, "precompiledValidators.js");

/** The build's precompiled validators, if this is a build that has them (the sources under Jest have none). */
export function shippedPrecompiledValidators(): PrecompiledValidators | undefined {
  return fs.existsSync(PRECOMPILED_MODULE) ? (require(PRECOMPILED_MODULE) as PrecompiledValidators) : undefined;
}

/** A short name (`types/industryData.run`) names a shipped schema; anything with a scheme is a `$id` already. */
function fullId(idOrName: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(idOrName) ? idOrName : schemaId(idOrName);
}

/** A schema a user adds (an operations file's): any absolute `$id`, and the file it came from for messages. */
export interface AddedSchema {
  file: string;
  document: Record<string, unknown>;
}

/**
 * Loads every `*.schema.json` below `dir`, and the `added` schemas (which may `$ref`
 * those by their `$id`). Each is compiled once, in strict mode: an added schema at
 * load, so a user's schema mistake fails at start rather than on the first payload
 * that meets it; a shipped one (the specs compile every one) when it first validates,
 * so a process that only reads the documents, the Pact worker, compiles none. A
 * shipped schema whose files match the `precompiled` fingerprint is not compiled at
 * all: the build made its validator, with the same options, and ajv stays unloaded.
 * Files that differ from the build's (edited since) are compiled here as before.
 */
export function loadSchemaRegistry(
  dir: string = DEFAULT_SCHEMA_DIR,
  added: readonly AddedSchema[] = [],
  precompiled: PrecompiledValidators | undefined = shippedPrecompiledValidators(),
): SchemaRegistry {
  const files = readSchemaFiles(dir);
  const built = precompiled && precompiled.fingerprint === schemaFingerprint(dir, files) ? precompiled.validators : {};
  const documents = new Map<string, Record<string, unknown>>();
  for (const { file, document } of files) {
    const id = document.$id;
    if (typeof id !== "string" || !id.startsWith(SCHEMA_ID_PREFIX)) {
      throw new Error(`${file}: $id must start with ${SCHEMA_ID_PREFIX}`);
    }
    if (documents.has(id)) throw new Error(`${file}: duplicate $id ${id}`);
    documents.set(id, document);
  }
  for (const { file, document } of added) {
    const id = document.$id;
    if (typeof id !== "string" || !/^[a-z][a-z0-9+.-]*:/i.test(id)) throw new Error(`${file}: $id must be an absolute URI`);
    if (documents.has(id)) throw new Error(`${file}: $id ${id} is already taken by another schema`);
    documents.set(id, document);
  }
  let ajv: Ajv2020 | undefined;
  const runtimeAjv = (): Ajv2020 => {
    if (ajv) return ajv;
    ajv = createAjv();
    for (const document of documents.values()) ajv.addSchema(document);
    return ajv;
  };
  const validators = new Map<string, ValidateFunction>();
  const compiled = (id: string, origin: string): ValidateFunction => {
    let validator = validators.get(id) ?? (Object.hasOwn(built, id) ? built[id] : undefined);
    if (validator) return validator;
    try {
      validator = runtimeAjv().getSchema(id) as ValidateFunction;
    } catch (error) {
      throw new Error(`${origin}: ${error instanceof Error ? error.message : String(error)}`);
    }
    validators.set(id, validator);
    return validator;
  };
  for (const { file, document } of added) compiled(document.$id as string, file);

  function documentOf(idOrName: string): Record<string, unknown> {
    const document = documents.get(fullId(idOrName));
    if (!document) throw new Error(`unknown schema ${idOrName}`);
    return document;
  }

  return {
    ids: [...documents.keys()].sort(),
    schema: documentOf,
    resolve(ref) {
      const [idOrName, pointer = ""] = ref.split("#");
      let node: unknown = documents.get(fullId(idOrName));
      for (const raw of pointer.split("/").slice(1)) {
        const key = unescapePointerSegment(decodeURIComponent(raw));
        node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
      }
      return typeof node === "boolean" || (node !== null && typeof node === "object") ? (node as Record<string, unknown> | boolean) : undefined;
    },
    has(idOrName) {
      return documents.has(fullId(idOrName));
    },
    validate(idOrName, data) {
      const id = fullId(idOrName);
      documentOf(id);
      const validator = compiled(id, id);
      if (validator(data)) return { valid: true, violations: [] };
      return { valid: false, violations: toViolations(validator.errors as ErrorObject[], data) };
    },
  };
}
