import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PassThrough } from "node:stream";
import { main } from "../../src/cli";

export interface VerifyRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  reportDir: string;
  durationMs: number;
  /** The report files by name, as written. */
  reports: Record<string, string>;
}

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = "";
  stream.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
  });
  return { stream, text: () => text };
}

export function freshReportDir(): string {
  return mkdtempSync(join(tmpdir(), "graph-conformance-reports-"));
}

export function readReports(reportDir: string): Record<string, string> {
  const reports: Record<string, string> = {};
  for (const name of readdirSync(reportDir)) reports[name] = readFileSync(join(reportDir, name), "utf8");
  return reports;
}

export interface VerifyRunOptions {
  /** As given on the command line; a fresh temporary directory when absent. */
  reportDir?: string;
  /** The working directory the command resolves relative paths against. */
  cwd?: string;
}

/** Runs `graph-conformance verify` in-process, with its output captured. */
export async function runVerify(args: string[], options: VerifyRunOptions = {}): Promise<VerifyRun> {
  const stdout = capture();
  const stderr = capture();
  const reportDir = options.reportDir ?? freshReportDir();
  const cwd = options.cwd ?? process.cwd();
  const started = performance.now();
  const exitCode = await main(["node", "graph-conformance", "verify", "--report-dir", reportDir, ...args], {
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: {},
    cwd,
  });
  return {
    exitCode,
    stdout: stdout.text(),
    stderr: stderr.text(),
    reportDir: resolve(cwd, reportDir),
    durationMs: performance.now() - started,
    reports: existsSync(resolve(cwd, reportDir)) ? readReports(resolve(cwd, reportDir)) : {},
  };
}
