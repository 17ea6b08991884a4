import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readContracts } from "../../src/contracts/read";
import { startReferenceProvider, type RunningProvider } from "../../src/provider";
import { providerNames } from "../../src/catalog";

/*
 * Interop: the committed contracts replayed by the official standalone verifier (the
 * `pact` binary of @pact-foundation/pact-cli, no pact-js, no code of ours in between)
 * against the embedded reference provider, with the plain invocation a server team
 * would use. No header is injected: that would break the E1 interactions.
 */

const ROOT = path.resolve(__dirname, "../..");
const CONTRACTS_DIR = path.join(ROOT, "contracts");
const PACT_BIN = path.join(ROOT, "node_modules/.bin/pact");

interface VerifierRun {
  exitCode: number;
  output: string;
  report: { result: boolean; errors: { interaction: string; mismatch: unknown }[]; interactionResults: { description: string; result: string }[] };
}

function runVerifier(args: string[], reportFile: string): Promise<VerifierRun> {
  return new Promise((resolve, reject) => {
    execFile(PACT_BIN, ["verifier", ...args, "--json", reportFile, "--no-colour"], { timeout: 120_000 }, (error, stdout, stderr) => {
      if (!fs.existsSync(reportFile)) return reject(new Error(`the verifier wrote no report (${error?.message ?? "no error"}):\n${stdout}\n${stderr}`));
      const exitCode = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ exitCode, output: `${stdout}${stderr}`, report: JSON.parse(fs.readFileSync(reportFile, "utf8")) });
    });
  });
}

describe("committed contracts replayed by the standalone pact verifier against the reference provider", () => {
  let provider: RunningProvider;
  let scratch: string;

  beforeAll(async () => {
    provider = await startReferenceProvider({ port: 0 });
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "graph-run-verifier-"));
  });

  afterAll(async () => {
    await provider?.close();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it.each(providerNames())("verifies every interaction of %s", async (providerName) => {
    const baseUrl = new URL(provider.baseUrl);
    const basePath = baseUrl.pathname.replace(/\/$/, "");
    const run = await runVerifier(
      [
        "--dir", CONTRACTS_DIR,
        "--provider-name", providerName,
        "--hostname", baseUrl.hostname,
        "--port", baseUrl.port,
        ...(basePath ? ["--base-path", basePath] : []),
        "--state-change-url", provider.stateUrl,
        "--state-change-teardown",
      ],
      path.join(scratch, `${providerName}.json`),
    );
    const wanted = readContracts(CONTRACTS_DIR).find((contract) => contract.provider === providerName)!.interactions.map((interaction) => interaction.description);
    const results = run.report.interactionResults;
    // The failures, as the verifier words them, make a failing run readable without its log.
    expect({ errors: run.report.errors, exitCode: run.exitCode }).toEqual({ errors: [], exitCode: 0 });
    expect(results.map((result) => result.description).sort()).toEqual([...wanted].sort());
    expect(results.filter((result) => result.result !== "OK")).toEqual([]);
  }, 130_000);
});
