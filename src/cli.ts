import path from "node:path";
import { Command, CommanderError } from "commander";
import type { CommandContext, RegisterCommand } from "./commands/command";
import { packageManifest } from "./packageFiles";
import { EXIT_OK, EXIT_UNUSABLE, UsageError } from "./exitCodes";
import { registerPublish } from "./commands/publish";
import { registerCanIDeploy } from "./commands/canIDeploy";
import { registerOpenApi } from "./commands/openapi";
import { registerCompare } from "./commands/compare";
import { registerContracts } from "./commands/contracts";
import { registerLintDocs } from "./commands/lintDocs";
import { registerValidate } from "./commands/validate";
import { registerServe } from "./commands/serve";
import { registerVerify } from "./commands/verify";
import { applySettings, CONFIG_FILE_NAME, ENV_PREFIX, envName, formatSettings, withSourceOf, type AppliedSettings } from "./commands/settings";

// One line per command, in the order --help lists them (the main job first); each
// module owns its options and its exit status.
const commands: RegisterCommand[] = [
  registerVerify,
  registerServe,
  registerLintDocs,
  registerValidate,
  registerOpenApi,
  registerCompare,
  registerContracts,
  registerPublish,
  registerCanIDeploy,
];

/** The commands that act on the catalog of operations, and so take `--operations FILE`. */
const CATALOG_COMMANDS = new Set(["verify", "serve", "lint-docs", "validate", "openapi", "compare", "contracts", "publish"]);

/** A CommanderError code of ours: `--print-config` printed the settings, and the command does not run. */
const SETTINGS_PRINTED = "graph-conformance.settingsPrinted";

/**
 * Every command takes its options from the command line, the environment and the
 * config file (commands/settings.ts), filled in just before its action runs; the
 * settings are kept to say where a refused value came from.
 */
function addSettings(program: Command, context: CommandContext, applied: { settings?: AppliedSettings; command?: Command }): void {
  for (const command of program.commands) {
    if (CATALOG_COMMANDS.has(command.name())) {
      command.option("--operations <file>", "add the operations this JSON file lists (README \"Adding an operation\") to the built-in five");
    }
    command
      .option("--config <file>", `read option values from this JSON file (default: ./${CONFIG_FILE_NAME} when present; also ${envName("config")})`)
      .option("--print-config", "print every option's effective value and where it came from (secrets masked), and exit")
      .addHelpText("after", `\nEvery option can also be set as ${ENV_PREFIX}<OPTION> (e.g. ${envName("reportDir")}) or as its camelCase key in\n${CONFIG_FILE_NAME}; precedence: command line > environment > config file > default.`);
  }
  program.hook("preAction", (_program, command) => {
    applied.command = command;
    applied.settings = applySettings(command, context.env, context.cwd);
    context.config = applied.settings.config;
    if (command.getOptionValue("printConfig") === true) {
      context.stdout.write(formatSettings(command, applied.settings));
      throw new CommanderError(EXIT_OK, SETTINGS_PRINTED, "settings printed");
    }
    const operationsFile = command.getOptionValue("operations") as string | undefined;
    // Loaded before the action, so every module the command runs reads the same catalog.
    if (CATALOG_COMMANDS.has(command.name())) useOperationsFile(operationsFile === undefined ? undefined : path.resolve(context.cwd, operationsFile));
  });
}

export function buildProgram(context: CommandContext, applied: { settings?: AppliedSettings; command?: Command } = {}): Command {
  const program = new Command("graph-conformance")
    .description("Contract tests and conformance checks for Microsoft Graph beta write operations: five built in (industryData and lifecycle workflow runs), more from --operations")
    .version(packageManifest().version)
    // Program options only before the command: `can-i-deploy --version V` is the client's --version.
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(text),
      // A parse error is one line, like every other exit 2, pointing to the help rather than printing all of it.
      outputError: (text, write) => write(`graph-conformance: ${text.replace(/^error: /, "").trimEnd()} (--help lists the options)\n`),
    });
  for (const register of commands) register(program, context);
  addSettings(program, context, applied);
  return program;
}

/**
 * The command's catalog: the built-in one, or with the operations file's added (each
 * in-process run starts from the built-in one). Loaded here, not at start, so ajv
 * and the schemas stay out of `--help` and `--version`.
 */
function useOperationsFile(file: string | undefined): void {
  const { useCatalog } = require("./catalog") as typeof import("./catalog");
  if (file === undefined) return useCatalog();
  const { loadOperationsFile } = require("./catalog/operationsFile") as typeof import("./catalog/operationsFile");
  useCatalog(loadOperationsFile(file));
}

const pipeGuarded = new WeakSet<NodeJS.WritableStream>();

/**
 * A reader that stops early (`verify | head`) closes the pipe. That is no error of
 * the run, which goes on and writes its reports; without a listener Node would
 * end the process with a stack trace. Any other stream error is thrown as before.
 */
function ignoreClosedPipe(stream: NodeJS.WritableStream): void {
  if (pipeGuarded.has(stream)) return;
  pipeGuarded.add(stream);
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
}

/**
 * Runs the CLI and resolves with its exit status instead of exiting, so the same
 * entry serves the bin script and in-process specs.
 */
export async function main(argv: string[], overrides: Partial<CommandContext> = {}): Promise<number> {
  let exitCode = EXIT_OK;
  const context: CommandContext = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    ...overrides,
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  ignoreClosedPipe(context.stdout);
  ignoreClosedPipe(context.stderr);
  const applied: { settings?: AppliedSettings; command?: Command } = {};
  try {
    await buildProgram(context, applied).parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successes; every other parse error is a usage error (exit 2).
      return [SETTINGS_PRINTED, "commander.helpDisplayed", "commander.version", "commander.help"].includes(error.code) ? EXIT_OK : EXIT_UNUSABLE;
    }
    if (error instanceof UsageError) {
      const message = applied.command && applied.settings ? withSourceOf(error.message, applied.command, applied.settings) : error.message;
      context.stderr.write(`graph-conformance: ${message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    context.stderr.write(`graph-conformance: unexpected error: ${message}\n`);
    if (context.env.GRAPH_CONFORMANCE_DEBUG && error instanceof Error) context.stderr.write(`${error.stack}\n`);
    return EXIT_UNUSABLE;
  }
}
