import path from "node:path";
import type { Command, Option } from "commander";
import { UsageError } from "../exitCodes";
import { SECRET_MASK } from "../report/secrets";
import { readConfigFile, type ConfigFile } from "./configFile";

/**
 * Where a command's option values come from, beside the command line: the
 * environment (`GRAPH_CONFORMANCE_<OPTION>`) and the config file
 * (`graph-conformance.config.json`, or `--config FILE`), in that order of
 * precedence: command line > environment > config file > default. Every option of
 * every command takes part; what an option's value is (flag, list, number, path)
 * is read from its commander definition, so nothing here names an option but the
 * few below.
 */

export const ENV_PREFIX = "GRAPH_CONFORMANCE_";
export const CONFIG_FILE_NAME = "graph-conformance.config.json";
/** Options that steer the settings themselves: not taken from the file or the environment by the generic rule. */
const SETTINGS_OPTIONS = new Set(["config", "printConfig"]);
/** Secret values: masked in --print-config, and never accepted from the config file. */
export const SECRET_OPTIONS = new Set(["token"]);
/** Options of which one at most may be set: the higher source wins, two at the same level are refused. */
const ONE_OF: readonly (readonly string[])[] = [["token", "tokenFile", "tokenCommand"]];

export type OptionKind = "flag" | "list" | "number" | "path" | "string";

/**
 * An option's kind, from its definition: a flag takes no value; a repeatable or
 * variadic one is a list; the argument's name says the rest (`<n>`, `<ms>`: a
 * number; `<dir>`, `<file>`: a path).
 */
export function optionKind(option: Option): OptionKind {
  if (!option.required && !option.optional) return "flag";
  if (option.variadic || option.parseArg === repeatable) return "list";
  const argument = /<([\w-]+)(?:\.\.\.)?>/.exec(option.flags)?.[1] ?? "";
  if (argument === "n" || argument === "ms") return "number";
  if (argument === "dir" || argument === "file") return "path";
  return "string";
}

/** commander's parser for an option given more than once: each value is kept. */
export function repeatable(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `baseUrl` → `GRAPH_CONFORMANCE_BASE_URL`. */
export function envName(attributeName: string): string {
  return ENV_PREFIX + attributeName.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase();
}

/** The options of a command that the file and the environment may set. */
export function configurableOptions(command: Command): Option[] {
  return command.options.filter((option) => !SETTINGS_OPTIONS.has(option.attributeName()) && !option.negate);
}

export type SettingSource = { kind: "cli" } | { kind: "env"; name: string } | { kind: "config"; file: string } | { kind: "default" };

const FLAG_WORDS: Readonly<Record<string, boolean>> = { true: true, "1": true, yes: true, false: false, "0": false, no: false };

function fromEnvironment(option: Option, name: string, text: string): unknown {
  switch (optionKind(option)) {
    case "flag": {
      const value = FLAG_WORDS[text.trim().toLowerCase()];
      if (value === undefined) throw new UsageError(`${name} must be true or false, got ${JSON.stringify(text)}`);
      return value;
    }
    // One variable holds a list as comma-separated entries, as --only and --skip take them.
    case "list":
      return text.split(",").map((entry) => entry.trim()).filter(Boolean);
    case "number":
      if (!/^\s*\d*\.?\d+\s*$/.test(text)) throw new UsageError(`${name} must be a number, got ${JSON.stringify(text)}`);
      return text.trim();
    default:
      return text;
  }
}

/** The config file holds JSON types; commander's actions get what the command line would give them. */
function fromConfig(option: Option, value: unknown, file: string): unknown {
  switch (optionKind(option)) {
    case "list":
      return (Array.isArray(value) ? value : [value]).map(String);
    case "number":
      return String(value);
    case "path":
      return path.resolve(path.dirname(file), String(value));
    default:
      return value;
  }
}

function configFileOf(command: Command, env: NodeJS.ProcessEnv, cwd: string): { file: string; required: boolean } {
  const given = command.getOptionValue("config") as string | undefined;
  if (given !== undefined) return { file: path.resolve(cwd, given), required: true };
  const fromEnv = env[envName("config")];
  if (fromEnv !== undefined && fromEnv !== "") return { file: path.resolve(cwd, fromEnv), required: true };
  return { file: path.join(cwd, CONFIG_FILE_NAME), required: false };
}

const PRECEDENCE: Readonly<Record<SettingSource["kind"], number>> = { cli: 3, env: 2, config: 1, default: 0 };

/** The command's settings once every source is applied, with the source of each. */
export interface AppliedSettings {
  sources: ReadonlyMap<string, SettingSource>;
  config?: ConfigFile;
}

/**
 * Fills the options the command line left unset from the environment, then the
 * config file. A bad variable, an unreadable or invalid file end in a UsageError
 * (exit 2) naming the variable, or the file and key, before anything runs.
 */
export function applySettings(command: Command, env: NodeJS.ProcessEnv, cwd: string): AppliedSettings {
  const { file, required } = configFileOf(command, env, cwd);
  const config = readConfigFile(file, required);
  const sources = new Map<string, SettingSource>();
  for (const option of configurableOptions(command)) {
    const key = option.attributeName();
    const given = command.getOptionValueSource(key);
    if (given === "cli") {
      sources.set(key, { kind: "cli" });
      continue;
    }
    const name = envName(key);
    const text = env[name];
    if (text !== undefined && text !== "") {
      command.setOptionValueWithSource(key, fromEnvironment(option, name, text), "env");
      sources.set(key, { kind: "env", name });
    } else if (config && Object.hasOwn(config.values, key)) {
      command.setOptionValueWithSource(key, fromConfig(option, config.values[key], config.file), "config");
      sources.set(key, { kind: "config", file: config.file });
    } else {
      sources.set(key, { kind: "default" });
    }
  }
  for (const group of ONE_OF) keepHighestSource(command, group, sources);
  return { sources, ...(config ? { config } : {}) };
}

/** Of options that exclude each other, those from a lower source than the highest one set are dropped. */
function keepHighestSource(command: Command, group: readonly string[], sources: Map<string, SettingSource>): void {
  const set = group.filter((key) => command.getOptionValue(key) !== undefined);
  const highest = Math.max(...set.map((key) => PRECEDENCE[sources.get(key)?.kind ?? "default"]));
  for (const key of set) {
    if (PRECEDENCE[sources.get(key)?.kind ?? "default"] >= highest) continue;
    command.setOptionValueWithSource(key, undefined, "default");
    sources.set(key, { kind: "default" });
  }
}

export function describeSource(source: SettingSource): string {
  switch (source.kind) {
    case "cli":
      return "command line";
    case "env":
      return `environment ${source.name}`;
    case "config":
      return `config file ${source.file}`;
    default:
      return "default";
  }
}

function shownValue(option: Option, value: unknown): string {
  const key = option.attributeName();
  // Most defaults are applied after the settings, and the description states them.
  if (value === undefined) return /\(default: ([^)]*)\)/.exec(option.description)?.[0] ?? "(not set)";
  if (SECRET_OPTIONS.has(key)) return SECRET_MASK;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** `--print-config`: every option of the command, its effective value and where it came from; secrets masked. */
export function formatSettings(command: Command, settings: AppliedSettings): string {
  const rows = configurableOptions(command).map((option) => {
    const key = option.attributeName();
    return [key, shownValue(option, command.getOptionValue(key)), describeSource(settings.sources.get(key) ?? { kind: "default" })];
  });
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column].length)));
  const lines = rows.map(([key, value, source]) => `  ${key.padEnd(widths[0])}  ${value.padEnd(widths[1])}  ${source}`);
  const file = settings.config ? settings.config.file : "none";
  return `graph-conformance ${command.name()} settings (command line > environment > config file > default; config file: ${file}):\n${lines.join("\n")}\n`;
}

/**
 * A message of a check made after the settings (a bad --rate) names the option;
 * where the value came from the environment or the file, it names that too.
 */
export function withSourceOf(message: string, command: Command, settings: AppliedSettings): string {
  for (const option of configurableOptions(command)) {
    const source = settings.sources.get(option.attributeName());
    if (!option.long || !source || (source.kind !== "env" && source.kind !== "config")) continue;
    const flag = new RegExp(`${option.long}(?![\\w-])`);
    if (flag.test(message)) return message.replace(flag, `${option.long} (from ${describeSource(source)})`);
  }
  return message;
}
