import { Command, CommanderError } from "commander";
import type { CommandContext, RegisterCommand } from "./commands/command";
import { packageManifest } from "./packageFiles";
import { EXIT_OK, EXIT_UNUSABLE, UsageError } from "./exitCodes";
import { registerPublish } from "./commands/publish";
import { registerCanIDeploy } from "./commands/canIDeploy";
import { registerOpenApi } from "./commands/openapi";
import { registerCompare } from "./commands/compare";
import { registerLintDocs } from "./commands/lintDocs";
import { registerValidate } from "./commands/validate";
import { registerServe } from "./commands/serve";
import { registerVerify } from "./commands/verify";

// One line per command, in the order --help lists them (the main job first); each
// module owns its options and its exit status.
const commands: RegisterCommand[] = [
  registerVerify,
  registerServe,
  registerLintDocs,
  registerValidate,
  registerOpenApi,
  registerCompare,
  registerPublish,
  registerCanIDeploy,
];

function buildProgram(context: CommandContext): Command {
  const program = new Command("graph-conformance")
    .description("Contract tests and conformance checks for five Microsoft Graph beta run write operations")
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
  return program;
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
  try {
    await buildProgram(context).parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successes; every other parse error is a usage error (exit 2).
      return error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help" ? EXIT_OK : EXIT_UNUSABLE;
    }
    if (error instanceof UsageError) {
      context.stderr.write(`graph-conformance: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    context.stderr.write(`graph-conformance: unexpected error: ${message}\n`);
    if (context.env.GRAPH_CONFORMANCE_DEBUG && error instanceof Error) context.stderr.write(`${error.stack}\n`);
    return EXIT_UNUSABLE;
  }
}
