import { invalidJsonServer, type HostileServer, slowServer } from "../robustness/servers";
import { runVerify } from "../robustness/runVerify";

// The run-wide limits of verify, seen from outside: what the target receives and
// what the reports say.

jest.setTimeout(60_000);
const ARGS = ["--token", "tok-limits-4711", "--seed", "3", "--cases", "1"];

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Results {
  incomplete?: string;
  durationMs: number;
  checks: { status: string }[];
  target: { operations: { operationId: string; entitySource?: string; entityId?: string }[] };
}

it("--max-failures stops the run early, exit 1, marked incomplete", async () => {
  server = await invalidJsonServer();
  const full = JSON.parse((await runVerify(["--base-url", server.baseUrl, ...ARGS, "--only", "industryData.run.update"])).reports["results.json"]!) as Results;
  const run = await runVerify(["--base-url", server.baseUrl, ...ARGS, "--only", "industryData.run.update", "--max-failures", "2"]);
  expect(run.exitCode).toBe(1);
  const results = JSON.parse(run.reports["results.json"]!) as Results;
  expect(results.incomplete).toBe("stopped after 2 failed checks (--max-failures 2)");
  expect(results.checks.filter((check) => check.status === "failed").length).toBeGreaterThanOrEqual(2);
  expect(results.checks.length).toBeLessThan(full.checks.length);
});

it("--max-run-ms bounds the whole run: it stops, reports what finished, marked incomplete", async () => {
  server = await slowServer(100);
  const run = await runVerify(["--base-url", server.baseUrl, ...ARGS, "--timeout-ms", "5000", "--max-run-ms", "1500"]);
  const results = JSON.parse(run.reports["results.json"]!) as Results;
  expect(results.incomplete).toBe("the run reached its time bound of 1500 ms (--max-run-ms)");
  expect([1, 2]).toContain(run.exitCode);
  // The bound, plus the bounded teardown after a stop; never the many seconds the full run takes.
  expect(results.durationMs).toBeLessThan(1500 + 2000);
});

it("--rate N: the target never sees more than N requests in any second", async () => {
  server = await slowServer(0);
  const rate = 5;
  const run = await runVerify(["--base-url", server.baseUrl, ...ARGS, "--only", "industryData.run.update", "--only", "E2,E4,E5,E14", "--rate", String(rate)]);
  expect(run.exitCode).toBe(1);
  const arrivals = server.arrivals;
  // Enough requests that, unlimited, they would crowd into one second.
  expect(arrivals.length).toBeGreaterThan(2 * (rate + 1));
  const busiestSecond = Math.max(...arrivals.map((start) => arrivals.filter((at) => at >= start && at < start + 1000).length));
  // The runner and the Pact worker drain their limiters as they hand over; one more than N
  // only for arrival jitter: a window can start on a request that arrived late.
  expect(busiestSecond).toBeLessThanOrEqual(rate + 1);
});

it("the report names the entities the run touched and where they came from", async () => {
  server = await invalidJsonServer();
  const run = await runVerify(["--base-url", server.baseUrl, ...ARGS, "--only", "industryData.run.update,industryData.runGroup.update", "--fixture", "industryData.runGroup=existing-group-1"]);
  const results = JSON.parse(run.reports["results.json"]!) as Results;
  expect(results.target.operations).toEqual([
    expect.objectContaining({ operationId: "industryData.runGroup.update", entitySource: "fixture", entityId: "existing-group-1" }),
    expect.objectContaining({ operationId: "industryData.run.update", entitySource: "provider-state", entityId: expect.stringMatching(/^gc-/) }),
  ]);
});

it("the write guard's refusal shows the URLs the run would really use: overridden paths, fixture ids, no state URL when every entity is given", async () => {
  const run = await runVerify([
    "--base-url", "https://staging.example/beta", ...ARGS,
    "--only", "industryData.run.update",
    "--fixture", "industryData.run=existing-run-7",
    "--path", "industryData.run.update=/custom/runs/{id}",
  ]);
  expect(run.exitCode).toBe(2);
  expect(run.stderr.trimEnd().split("\n")).toEqual([
    "graph-conformance: refusing to write to staging.example, which is not loopback; every operation under test writes. Re-run with --allow-writes to send:",
    "  PATCH https://staging.example/beta/custom/runs/existing-run-7  — industryData.run.update",
  ]);
});
