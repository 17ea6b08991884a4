import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PROJECT_ROOT, runInProcess } from "../docs/cliHarness";
import { startReferenceProvider, type RunningProvider } from "../../src/provider";

jest.setTimeout(60_000);

/** A fresh working directory, with a config file when given. */
function workDir(config?: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gc-settings-"));
  if (config !== undefined) fs.writeFileSync(path.join(dir, "graph-conformance.config.json"), typeof config === "string" ? config : JSON.stringify(config));
  return dir;
}

/** The --print-config row of one option: its value and source. */
function setting(stdout: string, key: string): string {
  const row = stdout.split("\n").find((line) => line.trimStart().startsWith(`${key} `));
  if (!row) throw new Error(`no row for ${key} in:\n${stdout}`);
  return row.trim().slice(key.length).trim().replace(/\s{2,}/g, " | ");
}

describe("settings: command line > environment > config file > default", () => {
  it("takes each option from the highest source that sets it, and says where from", async () => {
    const cwd = workDir({ rate: 5, reportDir: "from-file", cases: 2, only: ["E4", "P1"], timeoutMs: "900" });
    const run = await runInProcess(["verify", "--print-config", "--cases", "7"], { cwd, env: { GRAPH_CONFORMANCE_RATE: "9", GRAPH_CONFORMANCE_TOKEN: "secret-token-4711" } });
    expect(run).toMatchObject({ status: 0, stderr: "" });
    const file = path.join(cwd, "graph-conformance.config.json");
    expect(setting(run.stdout, "cases")).toBe("7 | command line");
    expect(setting(run.stdout, "rate")).toBe("9 | environment GRAPH_CONFORMANCE_RATE");
    expect(setting(run.stdout, "reportDir")).toBe(`${path.join(cwd, "from-file")} | config file ${file}`);
    expect(setting(run.stdout, "only")).toBe(`["E4","P1"] | config file ${file}`);
    expect(setting(run.stdout, "timeoutMs")).toBe(`900 | config file ${file}`);
    expect(setting(run.stdout, "maxRunMs")).toMatch(/^\(default: \d+\) \| default$/);
    expect(setting(run.stdout, "token")).toBe("*** | environment GRAPH_CONFORMANCE_TOKEN");
    expect(run.stdout).not.toContain("secret-token-4711");
  });

  it("runs with what the file and the environment say: the report dir and cases come from them", async () => {
    const cwd = workDir({ reportDir: "out", only: "industryData.run.update" });
    const run = await runInProcess(["verify"], { cwd, env: { GRAPH_CONFORMANCE_CASES: "1", GRAPH_CONFORMANCE_SKIP: "E1,E2" } });
    expect(run.status).toBe(0);
    const results = JSON.parse(fs.readFileSync(path.join(cwd, "out/results.json"), "utf8")) as { casesPerRule: number; checks: { operationId: string; ruleId?: string }[] };
    expect(results.casesPerRule).toBe(1);
    expect(new Set(results.checks.map((check) => check.operationId))).toEqual(new Set(["industryData.run.update"]));
    expect(results.checks.some((check) => check.ruleId === "E1" || check.ruleId === "E2")).toBe(false);
  });

  it("reads --config FILE, relative paths in it relative to the file", async () => {
    const cwd = workDir();
    fs.mkdirSync(path.join(cwd, "ci"));
    fs.writeFileSync(path.join(cwd, "ci/gc.json"), JSON.stringify({ reportDir: "../reports-ci", port: 0 }));
    const run = await runInProcess(["verify", "--config", "ci/gc.json", "--print-config"], { cwd, env: {} });
    expect(setting(run.stdout, "reportDir")).toBe(`${path.join(cwd, "reports-ci")} | config file ${path.join(cwd, "ci/gc.json")}`);
  });

  it("a command flag from the environment takes true or false, nothing else", async () => {
    const cwd = workDir();
    const on = await runInProcess(["verify", "--print-config"], { cwd, env: { GRAPH_CONFORMANCE_INSECURE: "false" } });
    expect(setting(on.stdout, "insecure")).toBe("false | environment GRAPH_CONFORMANCE_INSECURE");
    const bad = await runInProcess(["verify"], { cwd, env: { GRAPH_CONFORMANCE_INSECURE: "maybe" } });
    expect(bad).toMatchObject({ status: 2, stdout: "", stderr: 'graph-conformance: GRAPH_CONFORMANCE_INSECURE must be true or false, got "maybe"\n' });
  });

  it("a token on the command line wins over a token file from the environment", async () => {
    const cwd = workDir();
    const run = await runInProcess(["verify", "--print-config", "--token", "cli-token-123456"], { cwd, env: { GRAPH_CONFORMANCE_TOKEN_FILE: "/nowhere/token" } });
    expect(setting(run.stdout, "token")).toBe("*** | command line");
    expect(setting(run.stdout, "tokenFile")).toBe("(not set) | default");
  });

  it.each([
    ["an unknown key", { reportDirectory: "x" }, /graph-conformance\.config\.json: unknown key "reportDirectory"/],
    ["a token", { token: "abc" }, /key "token": a token never goes in the config file; use tokenFile or GRAPH_CONFORMANCE_TOKEN/],
    ["a bad number", { rate: "fast" }, /key "rate" must be a number, got "fast"/],
    ["a wrong type", { only: 3 }, /key "only" must be string or array, got 3/],
    ["not an object", [1], /the file must hold a JSON object/],
    ["not JSON", "{ rate: 1", /graph-conformance\.config\.json is not valid JSON/],
  ])("refuses %s in the file with one line naming it, and runs nothing", async (_what, config, message) => {
    const cwd = workDir(config);
    const run = await runInProcess(["verify"], { cwd, env: {} });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(fs.existsSync(path.join(cwd, "reports"))).toBe(false);
  });

  it("refuses a --config file that is not there, and names a variable whose value a later check refuses", async () => {
    const cwd = workDir();
    expect((await runInProcess(["verify", "--config", "missing.json"], { cwd, env: {} })).stderr).toBe(`graph-conformance: config file ${path.join(cwd, "missing.json")} cannot be read: no such file\n`);
    const rate = await runInProcess(["verify"], { cwd, env: { GRAPH_CONFORMANCE_RATE: "0" } });
    expect(rate).toMatchObject({ status: 2, stderr: 'graph-conformance: --rate (from environment GRAPH_CONFORMANCE_RATE) must be a number above 0 and at most 10000, got "0"\n' });
  });

  it("applies to the other commands' options too", async () => {
    const cwd = workDir({ format: "json" });
    const run = await runInProcess(["lint-docs", path.join(PROJECT_ROOT, "apidocs/industrydata-run-update.md")], { cwd, env: {} });
    expect(() => JSON.parse(run.stdout) as unknown).not.toThrow();
  });
});

describe("lintDocs.ignore in the config file", () => {
  const page = path.join(PROJECT_ROOT, "apidocs/industrydata-run-update.md");
  it("drops findings of the code on the pages the glob matches, and counts them as suppressed", async () => {
    const all = JSON.parse((await runInProcess(["lint-docs", "--format", "json", page], { cwd: workDir(), env: {} })).stdout) as { code: string }[];
    expect(all.some((finding) => finding.code === "todo-placeholder")).toBe(true);
    const cwd = workDir({ lintDocs: { ignore: [{ code: "todo-placeholder", page: "**/industrydata-run-*.md" }] } });
    const kept = JSON.parse((await runInProcess(["lint-docs", "--format", "json", page], { cwd, env: {} })).stdout) as { code: string }[];
    expect(kept).toEqual(all.filter((finding) => finding.code !== "todo-placeholder"));
  });

  it("refuses a code that is no rule's, naming the key", async () => {
    const run = await runInProcess(["lint-docs", page], { cwd: workDir({ lintDocs: { ignore: [{ code: "no-such-rule", page: "*.md" }] } }), env: {} });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/key "lintDocs\.ignore\.0\.code" must be equal to one of the allowed values, got "no-such-rule"/);
  });
});

describe("the config file's JSON Schema", () => {
  it("is the one the commands' options give (npm run config-schema)", () => {
    const check = spawnSync(process.execPath, ["-r", "esbuild-register", "scripts/write-config-schema.ts", "--check"], { cwd: PROJECT_ROOT, encoding: "utf8" });
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
  });
});

describe("verify --wait-for-target", () => {
  let provider: RunningProvider | undefined;
  afterEach(async () => provider?.close());

  it("waits for a target that starts late, then runs", async () => {
    const probe = await startReferenceProvider({ port: 0, host: "127.0.0.1" });
    const port = new URL(probe.baseUrl).port;
    await probe.close();
    const late = setTimeout(() => {
      void startReferenceProvider({ port: Number(port), host: "127.0.0.1" }).then((started) => (provider = started));
    }, 1200);
    const cwd = workDir();
    const run = await runInProcess(["verify", "--base-url", `http://127.0.0.1:${port}`, "--wait-for-target", "10000", "--cases", "1", "--only", "industryData.run.update"], { cwd, env: { GRAPH_CONFORMANCE_TOKEN: "late-token-1234" } });
    clearTimeout(late);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it("gives up after the time with exit 2 and one line", async () => {
    const probe = await startReferenceProvider({ port: 0, host: "127.0.0.1" });
    const baseUrl = probe.baseUrl;
    await probe.close();
    const started = performance.now();
    const run = await runInProcess(["verify", "--base-url", baseUrl, "--wait-for-target", "600"], { cwd: workDir(), env: { GRAPH_CONFORMANCE_TOKEN: "late-token-1234" } });
    expect(performance.now() - started).toBeGreaterThanOrEqual(550);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^graph-conformance: the target ${baseUrl.replace(/[.]/g, "\\.")} did not answer within 600 ms \\(--wait-for-target\\): .*ECONNREFUSED.*\\n$`));
  });
});
