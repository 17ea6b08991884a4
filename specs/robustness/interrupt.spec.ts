import { REPORT_FILES } from "../../src/report";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { hangingServer, type HostileServer, slowServer } from "./servers";
import { freshReportDir, readReports } from "./runVerify";

// Ctrl-C on a real process: the bin, not main(), so the signal handling, the Pact
// worker and the exit are all the ones a user gets.

const ROOT = join(__dirname, "../..");
const BIN = join(ROOT, "bin/graph-conformance.js");
const INTERRUPT_DEADLINE_MS = 2_000;
jest.setTimeout(60_000);

interface Spawned {
  stdout: () => string;
  stderr: () => string;
  interrupt: () => Promise<{ code: number | null; afterMs: number }>;
}

function spawnVerify(args: string[]): Spawned {
  const env = { ...process.env };
  delete env.GRAPH_CONFORMANCE_TOKEN;
  const child = spawn(process.execPath, [BIN, "verify", ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    interrupt: async () => {
      const sentAt = performance.now();
      child.kill("SIGINT");
      const code = await exited;
      return { code, afterMs: performance.now() - sentAt };
    },
  };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const giveUpAt = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > giveUpAt) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

it("Ctrl-C while a request hangs: exits within 2 s, exit 2, reports written and marked incomplete", async () => {
  server = await hangingServer();
  const reportDir = freshReportDir();
  const run = spawnVerify(["--base-url", server.baseUrl, "--token", "tok-interrupt-1", "--report-dir", reportDir]);
  await until(() => server!.requests > 0, "the first request to reach the hanging server");
  const { code, afterMs } = await run.interrupt();
  expect(afterMs).toBeLessThan(INTERRUPT_DEADLINE_MS);
  expect(code).toBe(2);
  expect(run.stderr()).toContain("interrupted; stopping and writing the reports so far");
  expect(run.stderr()).toMatch(/graph-conformance: the run stopped before any check finished: interrupted \(SIGINT\)/);
  const reports = readReports(reportDir);
  expect(Object.keys(reports).sort()).toEqual(Object.values(REPORT_FILES).sort());
  expect(JSON.parse(reports["results.json"]!)).toMatchObject({ incomplete: "interrupted (SIGINT)", checks: [] });
  expect(reports["report.html"]).toContain("INCOMPLETE: interrupted (SIGINT)");
  expect(reports["junit.xml"]).toContain("run incomplete: interrupted (SIGINT)");
});

it("Ctrl-C in the middle of the checks: exits within 2 s with the checks that finished, marked incomplete", async () => {
  server = await slowServer(100);
  const reportDir = freshReportDir();
  const run = spawnVerify(["--base-url", server.baseUrl, "--token", "tok-interrupt-2", "--report-dir", reportDir, "--timeout-ms", "5000"]);
  await until(() => /✗/.test(run.stdout()), "the first failed check on the console");
  const { code, afterMs } = await run.interrupt();
  expect(afterMs).toBeLessThan(INTERRUPT_DEADLINE_MS);
  expect(code).toBe(1);
  expect(existsSync(join(reportDir, "results.json"))).toBe(true);
  const results = JSON.parse(readReports(reportDir)["results.json"]!) as { incomplete: string; checks: { exchanges: { error?: string }[] }[] };
  expect(results.incomplete).toBe("interrupted (SIGINT)");
  expect(results.checks.length).toBeGreaterThan(0);
  // Checks cut short by the stop are left out rather than reported as the target's failures.
  expect(results.checks.flatMap((check) => check.exchanges).filter((exchange) => /the run stopped/.test(exchange.error ?? ""))).toEqual([]);
});
