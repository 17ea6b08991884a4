import { REPORT_FILES } from "../../src/report";
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { type HostileServer, reflectingServer } from "../robustness/servers";
import { freshReportDir, readReports } from "../robustness/runVerify";

// The token is known, the target echoes it back in bodies and headers, and every
// byte the run puts out is searched for it: stdout, stderr, the reports, the contracts.

const ROOT = join(__dirname, "../..");
const TOKEN = "tok-SECRET-123";
// The forms a careless writer would leave: as is, URL-encoded, base64 (alone and in a Basic-style header).
const FORMS = [TOKEN, encodeURIComponent(TOKEN), Buffer.from(TOKEN).toString("base64").replace(/=+$/, ""), Buffer.from(`Bearer ${TOKEN}`).toString("base64").replace(/=+$/, "")];
jest.setTimeout(60_000);

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function runBin(args: string[]): Promise<{ code: number | null; output: string }> {
  const env = { ...process.env };
  delete env.GRAPH_CONFORMANCE_TOKEN;
  const child = spawn(process.execPath, [join(ROOT, "bin/graph-conformance.js"), "verify", ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, output })));
}

let server: HostileServer;
beforeAll(async () => {
  server = await reflectingServer();
});
afterAll(() => server.close());

it.each([
  ["with a state URL", [] as string[]],
  ["with --fixture ids (the contracts are copied with the ids in)", ["--fixture", "industryData.run=run-1", "--fixture", "industryData.runGroup=group-1"]],
])("no form of the token in any output, report or contract, %s", async (_name, extra) => {
  const reportDir = freshReportDir();
  const contractsBefore = filesUnder(join(ROOT, "contracts")).map((file) => [file, readFileSync(file, "utf8")]);
  const run = await runBin(["--base-url", server.baseUrl, "--token", TOKEN, "--report-dir", reportDir, "--seed", "5", "--cases", "1", "--only", "industryData.run.update,industryData.runGroup.update", ...extra]);

  expect(run.code).toBe(1);
  const reports = readReports(reportDir);
  expect(Object.keys(reports).sort()).toEqual(Object.values(REPORT_FILES).sort());
  // The echo reached the reports, masked: otherwise this spec would prove nothing.
  expect(reports["results.json"]).toContain("you sent Authorization: Bearer ***");
  const outputs: [string, string][] = [["stdout and stderr", run.output], ...Object.entries(reports), ...filesUnder(join(ROOT, "contracts")).map((file): [string, string] => [file, readFileSync(file, "utf8")])];
  for (const [where, text] of outputs) {
    for (const form of FORMS) expect({ where, leaked: text.includes(form) }).toEqual({ where, leaked: false });
  }
  expect(filesUnder(join(ROOT, "contracts")).map((file) => [file, readFileSync(file, "utf8")])).toEqual(contractsBefore);
});
