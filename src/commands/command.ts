import type { Command } from "commander";
import type { ConfigFile } from "./configFile";

/** What a command needs from its process, so specs can run commands in-process. */
export interface CommandContext {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The config file the command's settings were read from, for what is not an option (`lintDocs.ignore`). */
  config?: ConfigFile;
  /** Records the command's exit status; the CLI returns it once the command ends. */
  setExitCode(code: number): void;
}

/** Each command module adds one command to the program. */
export type RegisterCommand = (program: Command, context: CommandContext) => void;

/**
 * A command's action module (`src/commands/actions/NAME`), loaded only when the
 * command runs: `--help`, `--version` and the other commands then do not load its
 * dependencies (Pact, fastify, ajv), which were most of the CLI's start-up time.
 */
export function action<Module>(name: string): Module {
  return require(`./actions/${name}`) as Module;
}
