import { findingRules } from "../docs/findings";
import type { Command } from "commander";
import { CONFIG_FILE_NAME, configurableOptions, envName, optionKind, SECRET_OPTIONS, type OptionKind } from "./settings";

/**
 * The config file's JSON Schema, derived from the commands' own option
 * definitions, so a key exists exactly when an option does. `npm run config-schema`
 * writes it to the package root; a spec fails when the committed copy is stale.
 */

const VALUE_SCHEMAS: Readonly<Record<OptionKind, object>> = {
  flag: { type: "boolean" },
  // A list may be one string; a number may be written as a string ("0.5"), as on the command line.
  list: { type: ["string", "array"], minLength: 1, items: { type: "string", minLength: 1 } },
  number: { type: ["number", "string"], minimum: 0, pattern: "^\\d*\\.?\\d+$" },
  path: { type: "string", minLength: 1 },
  string: { type: "string", minLength: 1 },
};

export function configSchema(program: Command): object {
  const properties: Record<string, { kind: OptionKind; description: string; commands: string[] }> = {};
  for (const command of program.commands) {
    for (const option of configurableOptions(command)) {
      const key = option.attributeName();
      if (SECRET_OPTIONS.has(key)) continue;
      const kind = optionKind(option);
      const known = properties[key];
      if (known && known.kind !== kind) throw new Error(`option ${option.long} is a ${kind} in ${command.name()} but a ${known.kind} in ${known.commands.join(", ")}`);
      if (known) known.commands.push(command.name());
      else properties[key] = { kind, description: option.description, commands: [command.name()] };
    }
  }
  const keys = Object.keys(properties).sort();
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://unpkg.com/graph-conformance/graph-conformance.config.schema.json",
    title: CONFIG_FILE_NAME,
    description:
      "Option values for graph-conformance: each key is an option's long name in camelCase and applies to the commands that have that option. " +
      "Precedence: command line > environment (GRAPH_CONFORMANCE_<OPTION>) > this file > default. Relative paths are relative to this file. A token never goes here: use tokenFile or GRAPH_CONFORMANCE_TOKEN.",
    type: "object",
    additionalProperties: false,
    properties: {
      $schema: { type: "string", description: "the schema of this file, for editors" },
      lintDocs: {
        type: "object",
        additionalProperties: false,
        description: "lint-docs settings that are not options",
        properties: {
          ignore: {
            type: "array",
            description: "findings to drop: a rule code (or * for every code) on the pages a glob matches, e.g. { \"code\": \"unknown-type\", \"page\": \"apidocs/*.md\" }",
            items: {
              type: "object",
              additionalProperties: false,
              required: ["code", "page"],
              properties: { code: { enum: ["*", ...Object.keys(findingRules)] }, page: { type: "string", minLength: 1 } },
            },
          },
        },
      },
      ...Object.fromEntries(
        keys.map((key) => {
          const { kind, description, commands } = properties[key];
          return [key, { ...VALUE_SCHEMAS[kind], description: `${description} (${commands.join(", ")}; ${envName(key)})` }];
        }),
      ),
    },
  };
}

export function renderConfigSchema(program: Command): string {
  return `${JSON.stringify(configSchema(program), null, 2)}\n`;
}
