/** Runs the CLI in-process with a chosen cwd and environment, collecting what it prints. */
import { PassThrough } from "node:stream";
import { main } from "../../src/cli";

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** The process environment without any broker settings of the machine running the specs. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("PACT_BROKER_")));
  return { ...env, ...extra };
}

export async function runCli(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on("data", (chunk: Buffer) => out.push(chunk));
  stderr.on("data", (chunk: Buffer) => err.push(chunk));
  const status = await main(["node", "graph-conformance", ...args], { cwd: options.cwd, env: options.env, stdout, stderr });
  return { status, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
}
