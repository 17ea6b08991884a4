import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { CONTRACTS_DIR as DEFAULT_CONTRACTS_DIR } from "../../src/packageFiles";
import { startBrokerDouble, type BrokerDouble, type RecordedRequest } from "./brokerDouble";
import { CONSUMER, PROVIDERS, tempDir } from "./fixtures";
import { cleanEnv, runCli } from "./runCli";

const TOKEN = "verify-broker-token-8f2e";

/** The project's own pacts, as a consumer would have published them. */
function projectPacts(): Map<string, Record<string, unknown>> {
  const pacts = new Map<string, Record<string, unknown>>();
  for (const name of readdirSync(DEFAULT_CONTRACTS_DIR).filter((file) => file.endsWith(".json"))) {
    const pact = JSON.parse(readFileSync(path.join(DEFAULT_CONTRACTS_DIR, name), "utf8")) as { provider: { name: string } };
    pacts.set(pact.provider.name, pact);
  }
  return pacts;
}

function forVerificationCalls(double: BrokerDouble): RecordedRequest[] {
  return double.requests.filter((request) => request.method === "POST" && request.path.endsWith("/for-verification"));
}

describe("verify --broker-url", () => {
  let double: BrokerDouble;
  const cwd = tempDir("verify-broker");

  beforeEach(async () => {
    double = await startBrokerDouble({ auth: { kind: "token", token: TOKEN } });
  });
  afterEach(() => double.close());

  const env = () => cleanEnv({ PACT_BROKER_TOKEN: TOKEN });
  const reportDir = (name: string) => path.join(cwd, name);

  it("fetches both providers' pacts with the default selectors and posts a successful result per pact", async () => {
    const pacts = projectPacts();
    for (const provider of PROVIDERS) double.seedPact({ consumer: CONSUMER, provider, consumerVersion: "c-1", branch: "main", content: pacts.get(provider)! });

    const result = await runCli(
      ["verify", "--broker-url", double.baseUrl, "--publish-results", "--provider-version", "p-1", "--provider-branch", "feature/x", "--cases", "0", "--report-dir", reportDir("ok")],
      { cwd, env: env() },
    );

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const calls = forVerificationCalls(double);
    expect(calls.map((call) => decodeURIComponent(call.path)).sort()).toEqual(PROVIDERS.map((provider) => `/pacts/provider/${provider}/for-verification`).sort());
    for (const call of calls) {
      expect(call.body).toEqual({
        consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }, { matchingBranch: true }],
        providerVersionBranch: "feature/x",
        includePendingStatus: false,
      });
    }
    expect(double.verificationResults.map((record) => record.provider).sort()).toEqual([...PROVIDERS].sort());
    for (const record of double.verificationResults) {
      expect(record.result).toMatchObject({ success: true, providerApplicationVersion: "p-1" });
    }
    expect(double.providerBranches).toEqual(expect.arrayContaining(PROVIDERS.map((provider) => ({ provider, branch: "feature/x", version: "p-1" }))));
    for (const request of double.requests) expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);

    // Every interaction of both pacts is in the results, named from its description.
    const results = JSON.parse(readFileSync(path.join(reportDir("ok"), "results.json"), "utf8")) as { checks: { source: string; status: string }[] };
    const interactions = [...pacts.values()].reduce((count, pact) => count + (pact.interactions as unknown[]).length, 0);
    expect(results.checks.filter((check) => check.source === "pact")).toHaveLength(interactions);
    expect(results.checks.every((check) => check.status === "passed")).toBe(true);
    expect(result.stdout).not.toContain(TOKEN);
    expect(readFileSync(path.join(reportDir("ok"), "results.json"), "utf8")).not.toContain(TOKEN);
  }, 120_000);

  it("posts a failed result for a pact the provider breaks, sends the given selectors, pending and WIP settings, and exits 1", async () => {
    const pacts = projectPacts();
    const broken = structuredClone(pacts.get("graph-beta-identityGovernance")!) as { interactions: { response: { status: number } }[] };
    broken.interactions[0].response.status = 299;
    double.seedPact({ consumer: CONSUMER, provider: "graph-beta-identityGovernance", consumerVersion: "c-2", content: broken as unknown as Record<string, unknown> });
    double.seedPact({ consumer: CONSUMER, provider: "graph-beta-industryData", consumerVersion: "c-2", content: pacts.get("graph-beta-industryData")! });
    const selectors = [{ branch: "release" }, { deployed: true, environment: "production" }];

    const result = await runCli(
      [
        "verify",
        "--broker-url",
        double.baseUrl,
        "--consumer-version-selectors",
        JSON.stringify(selectors),
        "--enable-pending",
        "--include-wip-since",
        "2026-01-31",
        "--publish-results",
        "--provider-version",
        "p-2",
        "--cases",
        "0",
        "--report-dir",
        reportDir("broken"),
      ],
      { cwd, env: env() },
    );

    expect(result.status).toBe(1);
    for (const call of forVerificationCalls(double)) {
      const { providerVersionBranch, ...body } = call.body as { providerVersionBranch?: string };
      expect(body).toEqual({ consumerVersionSelectors: selectors, includePendingStatus: true, includeWipPactsSince: "2026-01-31" });
      // Pact JS sends an empty branch when none is given.
      expect(providerVersionBranch ?? "").toBe("");
    }
    const byProvider = Object.fromEntries(double.verificationResults.map((record) => [record.provider, record.result]));
    expect(byProvider["graph-beta-identityGovernance"]).toMatchObject({ success: false, providerApplicationVersion: "p-2" });
    expect(byProvider["graph-beta-industryData"]).toMatchObject({ success: true, providerApplicationVersion: "p-2" });
    expect(double.providerBranches).toEqual([]);
  }, 120_000);

  it("exits 2 when the broker rejects the credentials", async () => {
    const result = await runCli(["verify", "--broker-url", double.baseUrl, "--cases", "0", "--report-dir", reportDir("401")], {
      cwd,
      env: cleanEnv({ PACT_BROKER_TOKEN: "not-the-token-12" }),
    });

    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/401/);
    expect(result.stdout + result.stderr).not.toContain("not-the-token-12");
    expect(double.verificationResults).toHaveLength(0);
  }, 120_000);

  it.each([
    [["--consumer-version-selectors", "[{mainBranch:true}]"], /--consumer-version-selectors is not valid JSON/],
    [["--publish-results"], /--publish-results needs --provider-version/],
    [["--contracts", "contracts"], /give --broker-url or --contracts, not both/],
  ])("exits 2 for %j before asking the broker anything", async (extra, message) => {
    const result = await runCli(["verify", "--broker-url", double.baseUrl, ...extra], { cwd, env: env() });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(double.requests).toHaveLength(0);
  });
});
