import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runInProcess } from "../docs/cliHarness";
import { startReferenceProvider, type RunningProvider } from "../../src/provider";

jest.setTimeout(120_000);

const TOKEN = "gate-loop-token-93c1";

interface Results {
  tool: { version: string };
  checks: { id: string; status: string; source: string; accepted?: { reason: string }; exchanges: { request: { body?: string } }[] }[];
  summary: { failed: number; accepted: number; passed: number };
  baseline?: { stale: unknown[]; expired: unknown[] };
}

function read(dir: string): Results {
  return JSON.parse(fs.readFileSync(path.join(dir, "results.json"), "utf8")) as Results;
}

describe("the CI gate's loop: check ids, --case, --rerun-failed, baselines, the HAR", () => {
  let faulty: RunningProvider;
  let correct: RunningProvider;
  let dir: string;
  const verify = (baseUrl: string, ...args: string[]) => runInProcess(["verify", "--base-url", baseUrl, ...args], { cwd: dir, env: { GRAPH_CONFORMANCE_TOKEN: TOKEN } });

  beforeAll(async () => {
    // A server that lets in requests without a token: E1 fails, the rest passes.
    faulty = await startReferenceProvider({ port: 0, host: "127.0.0.1", behaviour: { authenticate: () => undefined } });
    correct = await startReferenceProvider({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await faulty.close();
    await correct.close();
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "gc-gate-loop-"));
  });

  it("prints each failure's check id, and --rerun-failed sends exactly those checks again, with the same bodies in the same order", async () => {
    const first = await verify(faulty.baseUrl, "--only", "industryData.run.update", "--cases", "2", "--seed", "21", "--report-dir", "first");
    expect(first.status).toBe(1);
    const earlier = read(path.join(dir, "first"));
    const failed = earlier.checks.filter((check) => check.status === "failed");
    expect(failed.length).toBeGreaterThan(0);
    expect(earlier.checks.length).toBeGreaterThan(failed.length);
    for (const check of failed) expect(first.stdout).toContain(`check id: ${check.id}`);

    const rerun = await verify(faulty.baseUrl, "--rerun-failed", "first/results.json", "--report-dir", "rerun");
    expect(rerun.status).toBe(1);
    const again = read(path.join(dir, "rerun"));
    const conformance = (results: Results["checks"]) => results.filter((check) => check.source === "conformance");
    expect(again.checks.map((check) => check.id).sort()).toEqual(failed.map((check) => check.id).sort());
    expect(conformance(again.checks).map((check) => check.id)).toEqual(conformance(failed).map((check) => check.id));
    expect(conformance(again.checks).map((check) => check.exchanges[0]?.request.body)).toEqual(conformance(failed).map((check) => check.exchanges[0]?.request.body));

    const one = await verify(faulty.baseUrl, "--case", failed[0]!.id, "--seed", "21", "--cases", "2", "--report-dir", "one");
    expect(read(path.join(dir, "one")).checks.map((check) => check.id)).toEqual([failed[0]!.id]);
    expect(one.status).toBe(1);
  });

  it("reruns a failed case that carries the path id as its body's id, though the entity (and so the id) is new in each run", async () => {
    // A server that refuses the SDKs' read-modify-write: P1's path-id case fails.
    const refusesPathId = await startReferenceProvider({
      port: 0,
      host: "127.0.0.1",
      behaviour: { validateBodyId: (_operation, _pathId, body) => (typeof body === "object" && body !== null && "id" in body ? [{ path: "$.id", rule: "E8", message: "id is read-only", keyword: "fault" }] : []) },
    });
    try {
      const args = ["--only", "industryData.run.update", "--only", "P1", "--cases", "1", "--seed", "4"];
      expect((await verify(refusesPathId.baseUrl, ...args, "--report-dir", "first")).status).toBe(1);
      const failed = read(path.join(dir, "first")).checks.filter((check) => check.status === "failed" && check.source === "conformance");
      expect(failed.some((check) => check.exchanges[0]?.request.body?.includes('"id":'))).toBe(true);
      const rerun = await verify(refusesPathId.baseUrl, "--rerun-failed", "first/results.json", "--report-dir", "rerun");
      expect(rerun.stderr).toBe("");
      expect(rerun.status).toBe(1);
      const again = read(path.join(dir, "rerun")).checks.filter((check) => check.source === "conformance");
      expect(again.map((check) => check.id)).toEqual(failed.map((check) => check.id));
    } finally {
      await refusesPathId.close();
    }
  });

  it("refuses a results file of another version, an unknown check id, and a rerun given a seed", async () => {
    await verify(faulty.baseUrl, "--only", "industryData.run.update", "--only", "E1", "--cases", "1", "--seed", "3", "--report-dir", "first");
    const file = path.join(dir, "first/results.json");
    const results = read(path.join(dir, "first"));
    fs.writeFileSync(path.join(dir, "old.json"), JSON.stringify({ ...results, tool: { ...results.tool, version: "0.0.1" } }));
    expect((await verify(faulty.baseUrl, "--rerun-failed", "old.json")).stderr).toBe(`graph-conformance: --rerun-failed old.json is from version 0.0.1, this is ${results.tool.version}: its cases cannot be rebuilt the same\n`);
    const unknown = await verify(faulty.baseUrl, "--case", "industryData.run.update/E1/99", "--cases", "1", "--seed", "3");
    expect(unknown).toMatchObject({ status: 2, stderr: "graph-conformance: 1 check(s) cannot be rebuilt by this version with seed 3: industryData.run.update/E1/99\n" });
    expect((await verify(faulty.baseUrl, "--rerun-failed", file, "--seed", "4")).status).toBe(2);
  });

  it("a baseline written from the failures accepts them (exit 0), fails again once an entry expires, and lists stale entries", async () => {
    const args = ["--only", "industryData.run.update,identityGovernance.run.update", "--cases", "1"];
    const written = await verify(faulty.baseUrl, ...args, "--seed", "5", "--write-baseline", "baseline.json", "--report-dir", "first");
    expect(written.status).toBe(1);
    const baseline = JSON.parse(fs.readFileSync(path.join(dir, "baseline.json"), "utf8")) as { version: number; entries: { operationId: string; ruleId?: string; checkId?: string; reason: string; expires?: string }[] };
    expect(baseline.version).toBe(1);
    expect(baseline.entries.length).toBeGreaterThan(0);
    expect(baseline.entries.every((entry) => entry.ruleId === "E1" && entry.reason === "")).toBe(true);
    const failedBefore = read(path.join(dir, "first")).summary.failed;

    // Another seed: the baseline is keyed by operation, rule and check, not by case.
    const accepted = await verify(faulty.baseUrl, ...args, "--seed", "6", "--baseline", "baseline.json", "--report-dir", "accepted");
    expect(accepted.stderr).toBe("");
    expect(accepted.status).toBe(0);
    const acceptedResults = read(path.join(dir, "accepted"));
    expect(acceptedResults.summary.failed).toBe(0);
    expect(acceptedResults.summary.accepted).toBeGreaterThanOrEqual(failedBefore);
    expect(accepted.stdout).toMatch(/\d+ failure\(s\) accepted, 0 new/);
    expect(fs.readFileSync(path.join(dir, "accepted/junit.xml"), "utf8")).not.toContain("<failure");

    const expired = { ...baseline, entries: baseline.entries.map((entry) => ({ ...entry, expires: "2000-01-01" })) };
    fs.writeFileSync(path.join(dir, "expired.json"), JSON.stringify(expired));
    const failing = await verify(faulty.baseUrl, ...args, "--seed", "6", "--baseline", "expired.json", "--report-dir", "expired");
    expect(failing.status).toBe(1);
    expect(read(path.join(dir, "expired")).baseline?.expired.length).toBe(baseline.entries.length);
    expect(failing.stdout).toContain("Expired entries, their failures fail again");

    const stale = await verify(correct.baseUrl, ...args, "--seed", "6", "--baseline", "baseline.json", "--report-dir", "stale");
    expect(stale.status).toBe(0);
    expect(read(path.join(dir, "stale")).baseline?.stale.length).toBe(baseline.entries.length);
    expect(stale.stdout).toContain("Stale entries, no longer failing");
  });

  it("--checks and --exclude-checks choose the checks that judge, as Schemathesis users expect", async () => {
    const args = ["--only", "industryData.run.update", "--only", "E1", "--cases", "1", "--seed", "2"];
    expect((await verify(faulty.baseUrl, ...args, "--report-dir", "all")).status).toBe(1);
    // The faulty server answers E1's requests 200 with a JSON body: only the status is wrong.
    const contentTypeOnly = await verify(faulty.baseUrl, ...args, "--checks", "json_content_type", "--report-dir", "picked");
    expect(contentTypeOnly.status).toBe(0);
    const picked = read(path.join(dir, "picked"));
    expect(picked.checks.length).toBeGreaterThan(0);
    expect(picked.checks.every((check) => check.source === "conformance")).toBe(true);
    const excluded = await verify(faulty.baseUrl, ...args, "--exclude-checks", "status_code_conformance,pact_verification", "--report-dir", "excluded");
    const failures = read(path.join(dir, "excluded")).checks.flatMap((check) => (check as { failures?: { checkId: string }[] }).failures ?? []);
    expect(failures.some((failure) => failure.checkId === "status_code_conformance")).toBe(false);
    expect(excluded.status === 0 || failures.length > 0).toBe(true);
    expect((await verify(faulty.baseUrl, "--checks", "no_such_check")).stderr).toMatch(/^graph-conformance: --checks: unknown check "no_such_check"; the checks are: response_received, /);
  });

  it("refuses a baseline that is not one, naming the entry", async () => {
    fs.writeFileSync(path.join(dir, "bad.json"), JSON.stringify({ version: 1, entries: [{ operationId: "industryData.run.update", reason: "known", expires: "soon" }] }));
    const run = await verify(correct.baseUrl, "--baseline", "bad.json");
    expect(run).toMatchObject({ status: 2, stderr: `graph-conformance: --baseline ${path.join(dir, "bad.json")}: entry 1 has an expires that is not a date YYYY-MM-DD: "soon"\n` });
  });

  it("writes exchanges.har: HAR 1.2, every exchange of every check and the set-up calls, each named, the token masked", async () => {
    const run = await verify(correct.baseUrl, "--cases", "1", "--seed", "8", "--report-dir", "har");
    expect(run.status).toBe(0);
    const text = fs.readFileSync(path.join(dir, "har/exchanges.har"), "utf8");
    expect(text).not.toContain(TOKEN);
    const har = JSON.parse(text) as { log: { version: string; creator: { name: string }; entries: { comment: string; request: { url: string; headers: { name: string; value: string }[] }; response: { status: number } }[] } };
    expect(har.log.version).toBe("1.2");
    expect(har.log.creator.name).toBe("graph-conformance");
    const results = read(path.join(dir, "har"));
    const checkExchanges = results.checks.reduce((sum, check) => sum + check.exchanges.length, 0);
    const setUp = har.log.entries.filter((entry) => entry.comment.startsWith("set-up"));
    expect(har.log.entries.length).toBe(checkExchanges + setUp.length);
    expect(setUp.some((entry) => entry.request.url.endsWith("/_pact/provider-states"))).toBe(true);
    for (const check of results.checks) expect(har.log.entries.some((entry) => entry.comment.startsWith(check.id))).toBe(check.exchanges.length > 0);
    expect(har.log.entries.every((entry) => entry.request.headers.some((header) => header.name === "client-request-id"))).toBe(true);
  });
});
