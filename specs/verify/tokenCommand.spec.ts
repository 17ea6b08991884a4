import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runInProcess } from "../docs/cliHarness";
import { defaultBehaviour, ProviderError, startReferenceProvider, type RunningProvider } from "../../src/provider";

jest.setTimeout(90_000);

const FIRST = "first-token-5b1c9e";
const SECOND = "second-token-77d0a4";

/** A token command that prints the file's token and counts its runs (a line per run). */
function tokenCommand(dir: string): { command: string; runs(): number; file: string } {
  const file = path.join(dir, "token");
  const log = path.join(dir, "runs");
  return { command: `echo run >> '${log}'; cat '${file}'`, runs: () => (fs.existsSync(log) ? fs.readFileSync(log, "utf8").split("\n").filter(Boolean).length : 0), file };
}

describe("verify --token-command", () => {
  let provider: RunningProvider | undefined;
  afterEach(async () => provider?.close());

  it("gets a new token when the first one expires mid-run, sends the refused request again, and masks both tokens", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gc-token-command-"));
    const source = tokenCommand(dir);
    fs.writeFileSync(source.file, `${FIRST}\n`);
    let accepted = FIRST;
    let requests = 0;
    // The first token expires after 60 requests: from then on only the second one is let in.
    provider = await startReferenceProvider({
      port: 0,
      host: "127.0.0.1",
      behaviour: {
        authenticate(authorization) {
          requests += 1;
          if (requests === 60) {
            accepted = SECOND;
            fs.writeFileSync(source.file, `${SECOND}\n`);
          }
          // E1's own headers get the default's answer; of the bearer tokens, only the current one is let in.
          return defaultBehaviour.authenticate(authorization) ?? (authorization === `Bearer ${accepted}` ? undefined : new ProviderError("unauthenticated", "the token has expired"));
        },
      },
    });
    const reports = path.join(dir, "reports");
    const run = await runInProcess(["verify", "--base-url", provider.baseUrl, "--token-command", source.command, "--cases", "1", "--seed", "5", "--report-dir", reports], { cwd: dir, env: {} });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(accepted).toBe(SECOND);
    // Once at start, once for the expired token however many requests it failed.
    expect(source.runs()).toBe(2);
    for (const name of ["results.json", "junit.xml", "report.html"]) {
      const text = fs.readFileSync(path.join(reports, name), "utf8");
      expect(text).not.toContain(FIRST);
      expect(text).not.toContain(SECOND);
    }
    expect(run.stdout).not.toContain(FIRST);
  });

  it("ends with exit 2 and the command's first stderr line before any request when the command fails", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gc-token-command-"));
    let requests = 0;
    provider = await startReferenceProvider({ port: 0, host: "127.0.0.1", behaviour: { authenticate: () => void (requests += 1) } });
    const failing = await runInProcess(["verify", "--base-url", provider.baseUrl, "--token-command", "echo 'az: please run az login' >&2; exit 3"], { cwd: dir, env: {} });
    expect(failing).toMatchObject({ status: 2, stderr: "graph-conformance: --token-command failed (exit 3): az: please run az login\n" });
    const silent = await runInProcess(["verify", "--base-url", provider.baseUrl, "--token-command", "true"], { cwd: dir, env: {} });
    expect(silent).toMatchObject({ status: 2, stderr: "graph-conformance: --token-command printed no token\n" });
    expect(requests).toBe(0);
  });

  it("is refused beside --token or --token-file given the same way", async () => {
    const run = await runInProcess(["verify", "--base-url", "http://127.0.0.1:9", "--token", "abcdefgh1234", "--token-command", "echo x"], { env: {} });
    expect(run).toMatchObject({ status: 2, stderr: "graph-conformance: give the token once: --token, --token-file or --token-command, not two of them\n" });
    const refresh = await runInProcess(["verify", "--base-url", "http://127.0.0.1:9", "--token", "abcdefgh1234", "--token-refresh-ms", "5000"], { env: {} });
    expect(refresh.stderr).toBe("graph-conformance: --token-refresh-ms needs --token-command\n");
  });
});
