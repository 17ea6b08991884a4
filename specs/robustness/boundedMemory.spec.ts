import { REPORT_FILES } from "../../src/report";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runMeasured } from "../../bench/processTree";
import { hugeBodyServer, type HostileServer } from "./servers";

/**
 * A target that answers 200 MB to every request, cases, state calls and Pact
 * interactions alike: the whole run, all its processes, stays within 400 MiB,
 * ends with failures (exit 1) and writes every report.
 */
const TWO_HUNDRED_MB = 200 * 1024 * 1024;
const PEAK_BOUND_MIB = 400;
const BIN = path.resolve(__dirname, "../../bin/graph-conformance.js");

let server: HostileServer | undefined;
afterEach(async () => server?.close());

it(`a target sending 200 MB to every request: the run stays under ${PEAK_BOUND_MIB} MiB, exit 1, all reports written`, async () => {
  server = await hugeBodyServer(TWO_HUNDRED_MB);
  const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), "gc-bounded-memory-"));
  const run = await runMeasured(process.execPath, [BIN, "verify", "--base-url", server.baseUrl, "--token", "tok-bounded-4711", "--cases", "1", "--seed", "3", "--report-dir", reportDir], {
    cwd: reportDir,
  });
  expect(run.stderr).toBe("");
  expect(run.exitCode).toBe(1);
  for (const name of Object.values(REPORT_FILES)) expect(fs.statSync(path.join(reportDir, name)).size).toBeGreaterThan(0);
  const results = JSON.parse(fs.readFileSync(path.join(reportDir, "results.json"), "utf8")) as { checks: { source: string; status: string }[] };
  expect(results.checks.some((check) => check.source === "pact")).toBe(true);
  expect(results.checks.every((check) => check.status !== "passed")).toBe(true);
  if (run.treePeakPssMiB !== undefined) expect(run.treePeakPssMiB).toBeLessThanOrEqual(PEAK_BOUND_MIB);
}, 180_000);
