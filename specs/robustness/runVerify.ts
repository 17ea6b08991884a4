import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

/** Runs `graph-conformance verify` in-process, with its output captured and a fresh report dir unless one is given. */
export async function runVerify(args: string[], reportDir = freshReportDir()): Promise<VerifyRun> {
  const stdout = capture();
  const stderr = capture();
  const started = performance.now();
  const exitCode = await main(["node", "graph-conformance", "verify", "--report-dir", reportDir, ...args], {
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: {},
  });
  return {
    exitCode,
    stdout: stdout.text(),
    stderr: stderr.text(),
    reportDir,
    durationMs: performance.now() - started,
    reports: readReports(reportDir),
  };
}
