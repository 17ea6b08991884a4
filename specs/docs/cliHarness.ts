import { spawnSync } from "node:child_process";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { main } from "../../src/cli";

export const PROJECT_ROOT = path.resolve(__dirname, "../..");

export interface CliOutcome {
  status: number;
  stdout: string;
  stderr: string;
}

function collect(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  return () => Buffer.concat(chunks).toString("utf8");
}

/** Runs the CLI in-process through main(), with its output captured and stdin given as text. */
export async function runInProcess(args: string[], options: { cwd?: string; stdin?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliOutcome> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const [out, err] = [collect(stdout), collect(stderr)];
  const status = await main(["node", "graph-conformance", ...args], {
    stdout,
    stderr,
    stdin: Readable.from([Buffer.from(options.stdin ?? "")]),
    cwd: options.cwd ?? PROJECT_ROOT,
    ...(options.env ? { env: options.env } : {}),
  });
  return { status, stdout: out(), stderr: err() };
}

/** Runs the real bin script in a child process, as `npx graph-conformance` does. */
export function runBin(args: string[], options: { cwd?: string; stdin?: string } = {}): CliOutcome {
  const result = spawnSync(process.execPath, [path.join(PROJECT_ROOT, "bin/graph-conformance.js"), ...args], {
    cwd: options.cwd ?? PROJECT_ROOT,
    input: options.stdin ?? "",
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
