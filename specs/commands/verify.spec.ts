import { spawn } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defaultBehaviour, startReferenceProvider } from "../../src/provider";

const BIN = path.resolve(__dirname, "../../bin/graph-conformance.js");
const TOKEN = "cli-spec-token-5f1d2a9c";
jest.setTimeout(60_000);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, "verify", ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function reportDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "gc-verify-cli-"));
}

function reportFiles(dir: string): Record<string, string> {
  return Object.fromEntries(["junit.xml", "results.json", "report.html"].map((name) => [name, fs.readFileSync(path.join(dir, name), "utf8")]));
}

describe("graph-conformance verify (subprocess)", () => {
  it("exits 0 against the embedded provider, prints the seed and writes the three reports", async () => {
    const dir = reportDir();
    const run = await cli(["--seed", "99", "--cases", "1", "--report-dir", dir]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/seed 99 \(re-run with --seed 99\)/);
    expect(run.stdout).not.toMatch(/Verifying a pact between/);
    const files = reportFiles(dir);
    const results = JSON.parse(files["results.json"]);
    expect(results.seed).toBe(99);
    expect(results.checks.length).toBeGreaterThan(100);
    expect(files["junit.xml"]).toContain("<testsuite");
    expect(files["report.html"]).toContain("<html");
  });

  it("exits 1 against a broken target and keeps the token out of stdout, stderr and every report", async () => {
    const provider = await startReferenceProvider({
      port: 0,
      token: TOKEN,
      behaviour: {
        validateBody: (operation, body) => defaultBehaviour.validateBody(operation, body).filter((violation) => violation.rule !== "E4"),
        // A hostile target that echoes the Authorization header it got.
        errorBody: (error, requestId) => ({ ...(defaultBehaviour.errorBody(error, requestId) as object), echo: `Bearer ${TOKEN}` }),
      },
    });
    const dir = reportDir();
    try {
      const run = await cli(["--base-url", provider.baseUrl, "--cases", "1", "--seed", "3", "--report-dir", dir], { GRAPH_CONFORMANCE_TOKEN: TOKEN });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/✗ .*E4/);
      const outputs: Record<string, string> = { stdout: run.stdout, stderr: run.stderr, ...reportFiles(dir) };
      for (const [name, text] of Object.entries(outputs)) expect({ name, leaks: text.includes(TOKEN) }).toEqual({ name, leaks: false });
      const results = JSON.parse(outputs["results.json"]);
      expect(results.checks.some((check: { ruleId?: string; status: string }) => check.ruleId === "E4" && check.status === "failed")).toBe(true);
    } finally {
      await provider.close();
    }
  });

  it.each([
    [["--base-url", "http://127.0.0.1:9", "--token", TOKEN], /^graph-conformance: the target http:\/\/127\.0\.0\.1:9 is not reachable: .+\n$/],
    [["--cases", "lots"], /^graph-conformance: --cases must be a whole number from 0 to 10000, got "lots"\n$/],
    [["--only", "P99"], /^graph-conformance: --only: "P99" is neither an operation id nor a rule id/],
    [["--contracts", "/nonexistent/contracts"], /^graph-conformance: the contracts directory \/nonexistent\/contracts cannot be read \(ENOENT\)\n$/],
    [["--no-such-option"], /^graph-conformance: unknown option '--no-such-option' \(--help lists the options\)\n$/],
  ])("exits 2 with a one-line reason for %j", async (args, reason) => {
    const run = await cli([...args, "--report-dir", reportDir()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(reason);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  // The bin forks the Pact worker before it loads the CLI (src/verify/pact/workerProcess.ts):
  // a verify that never uses it must still exit at once and leave no process running
  // (specs/verify/workerProcess.spec.ts shows the unused worker killed). Read from /proc: Linux only.
  (process.platform === "linux" ? it.each : it.skip.each)([[["--help"]], [["--no-such-option"]], [["--exclude-checks", "pact_verification", "--cases", "0"]]])(
    "%j exits at once and leaves no process running",
    async (args) => {
      const child = spawn(process.execPath, [BIN, "verify", ...args, "--report-dir", reportDir()], { detached: true, stdio: "ignore" });
      const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 20_000);
      try {
        const [code] = (await once(child, "exit")) as [number | null];
        expect(code).not.toBeNull();
        expect(await groupGone(child.pid!)).toBe(true);
      } finally {
        clearTimeout(timer);
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          // The group is gone already.
        }
      }
    },
  );
});

/**
 * Whether no process of the group `pgid` is still running, within a second (room for
 * a loaded machine): a killed worker turns zombie (it stays one until init reaps it,
 * and runs nothing).
 */
async function groupGone(pgid: number): Promise<boolean> {
  for (const deadline = performance.now() + 1_000; performance.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 10))) {
    if (runningInGroup(pgid).length === 0) return true;
  }
  return false;
}

function runningInGroup(pgid: number): number[] {
  return fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name)).flatMap((pid) => {
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      return [];
    }
    // After the command's closing parenthesis: state, ppid, pgrp.
    const [state, , group] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(group) === pgid && state !== "Z" ? [Number(pid)] : [];
  });
}
