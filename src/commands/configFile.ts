import fs from "node:fs";
import path from "node:path";
import type { ErrorObject } from "ajv/dist/2020";
import { UsageError } from "../exitCodes";
import { PACKAGE_ROOT } from "../packageFiles";
import { readFailure } from "../docs/readError";

/** The config file's JSON Schema, shipped in the package (and named by `$schema` so editors complete keys). */
export const CONFIG_SCHEMA_FILE = path.join(PACKAGE_ROOT, "graph-conformance.config.schema.json");

export interface ConfigFile {
  file: string;
  /** The keys as written; each is the camelCase long name of an option. */
  values: Readonly<Record<string, unknown>>;
}

/** One line for the first thing wrong, naming the key. */
function explain(error: ErrorObject, values: Record<string, unknown>): string {
  const key = error.instancePath.split("/").slice(1).join(".");
  if (error.keyword === "additionalProperties") {
    const unknown = [key, (error.params as { additionalProperty: string }).additionalProperty].filter(Boolean).join(".");
    if (unknown === "token") return `key "token": a token never goes in the config file; use tokenFile or GRAPH_CONFORMANCE_TOKEN`;
    return `unknown key "${unknown}" (the keys are the options' long names in camelCase; see ${path.basename(CONFIG_SCHEMA_FILE)})`;
  }
  if (error.keyword === "pattern") return `key "${key}" must be a number, got ${JSON.stringify(values[key])}`;
  if (key === "") return `the file must hold a JSON object, ${error.message ?? "it does not"}`;
  return `key "${key}" ${error.message?.replace(/,/g, " or ") ?? "is not valid"}, got ${JSON.stringify(key.split(".").reduce<unknown>((value, part) => (value as Record<string, unknown> | undefined)?.[part], values))}`;
}

/**
 * Reads and checks the config file. A file that is not there is no error unless it
 * was asked for (`--config`); anything else wrong ends in a UsageError naming it.
 */
export function readConfigFile(file: string, required: boolean): ConfigFile | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new UsageError(`config file ${file} cannot be read: ${readFailure(error)}`);
  }
  let values: unknown;
  try {
    values = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new UsageError(`config file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  // ajv is loaded here, not at start: most runs have no config file.
  const { default: Ajv2020 } = require("ajv/dist/2020") as typeof import("ajv/dist/2020");
  const validate = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: false }).compile(JSON.parse(fs.readFileSync(CONFIG_SCHEMA_FILE, "utf8")) as object);
  if (!validate(values)) throw new UsageError(`config file ${file}: ${explain(validate.errors![0], values as Record<string, unknown>)}`);
  return { file, values: values as Record<string, unknown> };
}
