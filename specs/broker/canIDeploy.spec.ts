import { startBrokerDouble, type BrokerDouble } from "./brokerDouble";
import { CONSUMER, pactFor, tempDir } from "./fixtures";
import { cleanEnv, runCli } from "./runCli";

const TOKEN = "can-i-deploy-token-41aa";
const PROVIDER = "graph-beta-industryData";

describe("can-i-deploy", () => {
  let double: BrokerDouble;
  const cwd = tempDir("can-i-deploy");

  beforeEach(async () => {
    double = await startBrokerDouble({ auth: { kind: "token", token: TOKEN } });
    const pact = double.seedPact({ consumer: CONSUMER, provider: PROVIDER, consumerVersion: "c-1", branch: "main", content: pactFor(PROVIDER) });
    double.verificationResults.push({ consumer: CONSUMER, provider: PROVIDER, pactVersion: pact.pactVersion, result: { success: true, providerApplicationVersion: "p-1" } });
    double.verificationResults.push({ consumer: CONSUMER, provider: PROVIDER, pactVersion: pact.pactVersion, result: { success: false, providerApplicationVersion: "p-2" } });
  });
  afterEach(() => double.close());

  const env = () => cleanEnv({ PACT_BROKER_BASE_URL: double.baseUrl, PACT_BROKER_TOKEN: TOKEN });

  it("passes its arguments to the client, which asks the broker's matrix, and exits 0 when deployable", async () => {
    const result = await runCli(["can-i-deploy", "--pacticipant", PROVIDER, "--version", "p-1", "--to-environment", "production"], { cwd, env: env() });

    expect(result.status).toBe(0);
    const matrixCalls = double.requests.filter((request) => request.path === "/matrix");
    expect(matrixCalls).toHaveLength(1);
    const [call] = matrixCalls;
    expect(call.query.getAll("q[][pacticipant]")).toEqual([PROVIDER]);
    expect(call.query.getAll("q[][version]")).toEqual(["p-1"]);
    expect(call.query.get("environment")).toBe("production");
    expect(call.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(result.stdout).not.toContain(TOKEN);
  });

  it("passes the client's exit status 1 through when the version is not deployable", async () => {
    const result = await runCli(["can-i-deploy", "--pacticipant", PROVIDER, "--version", "p-2", "--to-environment", "production"], { cwd, env: env() });

    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/Computer says no/);
  });

  it("takes --broker-url instead of PACT_BROKER_BASE_URL", async () => {
    const result = await runCli(["can-i-deploy", "--broker-url", double.baseUrl, "--pacticipant", PROVIDER, "--version", "p-1"], {
      cwd,
      env: cleanEnv({ PACT_BROKER_TOKEN: TOKEN }),
    });

    expect(result.status).toBe(0);
    expect(double.requests.filter((request) => request.path === "/matrix")).toHaveLength(1);
  });

  it("exits 2 when the broker rejects the credentials, rather than the client's 1 (not deployable)", async () => {
    const result = await runCli(["can-i-deploy", "--pacticipant", PROVIDER, "--version", "p-1"], { cwd, env: cleanEnv({ PACT_BROKER_BASE_URL: double.baseUrl, PACT_BROKER_TOKEN: "stale-token-3" }) });

    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^graph-conformance: the Pact Broker at .* rejected the credentials \(401 Unauthorized\)/);
    expect(result.stdout + result.stderr).not.toContain("stale-token-3");
  });

  it("exits 2 without a broker URL or without --pacticipant, and asks nothing", async () => {
    const noUrl = await runCli(["can-i-deploy", "--pacticipant", PROVIDER, "--version", "p-1"], { cwd, env: cleanEnv({ PACT_BROKER_TOKEN: TOKEN }) });
    expect(noUrl.status).toBe(2);
    expect(noUrl.stderr).toMatch(/no Pact Broker URL/);

    const noPacticipant = await runCli(["can-i-deploy", "--version", "p-1"], { cwd, env: env() });
    expect(noPacticipant.status).toBe(2);
    expect(noPacticipant.stderr).toMatch(/can-i-deploy needs --pacticipant/);
    expect(double.requests).toHaveLength(0);
  });
});
