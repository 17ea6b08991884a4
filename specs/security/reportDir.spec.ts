import { REPORT_FILES } from "../../src/report";
import { mkdirSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { failingServer, type HostileServer, invalidJsonServer } from "../robustness/servers";
import { runVerify } from "../robustness/runVerify";

// Reports land exactly in the report dir, `..` resolved, and nowhere else: neither
// the working directory nor the directories the path passes through.

jest.setTimeout(30_000);

function pactCopiesInTmp(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith("graph-conformance-pacts-"));
}

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

it.each([
  ["a run with failures", invalidJsonServer, 1, ["--only", "industryData.run.update", "--only", "E2", "--fixture", "industryData.run=run-1"]],
  ["a run that could not be made", failingServer, 2, []],
] as const)("%s writes its three reports into the resolved report dir only", async (_name, start, exitCode, extra) => {
  server = await start();
  const root = mkdtempSync(join(tmpdir(), "graph-conformance-reportdir-"));
  const cwd = join(root, "work");
  mkdirSync(cwd);
  const copiesBefore = pactCopiesInTmp();
  const run = await runVerify(["--base-url", server.baseUrl, "--token", "tok-dir-4711", "--cases", "1", "--timeout-ms", "2000", ...extra], {
    cwd,
    reportDir: "../through/../landed",
  });
  expect(run.exitCode).toBe(exitCode);
  expect(run.reportDir).toBe(join(root, "landed"));
  expect(readdirSync(root).sort()).toEqual(["landed", "work"]);
  expect(readdirSync(cwd)).toEqual([]);
  // Exactly the three reports: no temp files left from the atomic writes.
  expect(readdirSync(join(root, "landed")).sort()).toEqual(Object.values(REPORT_FILES).sort());
  expect(run.stdout).toContain(`reports: ${join(root, "landed", "junit.xml")}`);
  expect(pactCopiesInTmp()).toEqual(copiesBefore);
});
