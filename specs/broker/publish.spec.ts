import childProcess from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { startBrokerDouble, type BrokerDouble, type RecordedRequest } from "./brokerDouble";
import { CONSUMER, PROVIDERS, gitInit, tempDir, workTreeWithContracts } from "./fixtures";
import { cleanEnv, runCli } from "./runCli";

const TOKEN = "publish-spec-token-5e3b";
const READ_ONLY_TOKEN = "publish-spec-read-only-9c1d";

interface PublishBody {
  pacticipantName: string;
  pacticipantVersionNumber: string;
  branch?: string;
  tags?: string[];
  contracts: Array<{ consumerName: string; providerName: string; specification: string; contentType: string; content: string }>;
}

function publishCalls(double: BrokerDouble): RecordedRequest[] {
  return double.requests.filter((request) => request.method === "POST" && request.path === "/contracts/publish");
}

function decode(content: string): unknown {
  return JSON.parse(Buffer.from(content, "base64").toString("utf8"));
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("publish", () => {
  let double: BrokerDouble;

  beforeEach(async () => {
    double = await startBrokerDouble({ auth: { kind: "token", token: TOKEN, readOnlyTokens: [READ_ONLY_TOKEN] } });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await double.close();
  });

  it("publishes every pact in contracts/ with the git commit, git branch, tags and the bearer token", async () => {
    const { cwd, pacts } = workTreeWithContracts();
    const sha = gitInit(cwd, "feature/broker");

    const result = await runCli(["publish", "--contracts", "contracts", "--tag", "dev", "--tag", "rc,qa"], {
      cwd,
      env: cleanEnv({ PACT_BROKER_BASE_URL: double.baseUrl, PACT_BROKER_TOKEN: TOKEN }),
    });

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`published 2 contract(s) from contracts/ (version ${sha}, branch feature/broker, tags dev, rc, qa)`);

    const calls = publishCalls(double);
    expect(calls).toHaveLength(pacts.size);
    const published = calls.map((call) => call.body as PublishBody);
    for (const body of published) {
      expect(body).toMatchObject({ pacticipantName: CONSUMER, pacticipantVersionNumber: sha, branch: "feature/broker", tags: ["dev", "rc", "qa"] });
      expect(body.contracts).toHaveLength(1);
      expect(body.contracts[0]).toMatchObject({ consumerName: CONSUMER, specification: "pact", contentType: "application/json" });
    }
    expect(published.map((body) => body.contracts[0].providerName).sort()).toEqual([...PROVIDERS].sort());
    for (const body of published) {
      const contract = body.contracts[0];
      const original = pacts.get(`${CONSUMER}-${contract.providerName}.json`);
      // The client re-serialises the pact (adds defaults and its own metadata); every original member must survive.
      expect(decode(contract.content)).toMatchObject(original!);
    }
    expect(double.requests.length).toBeGreaterThan(0);
    for (const request of double.requests) expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("takes --broker-url, --consumer-version and --branch over the defaults, and basic auth from the environment", async () => {
    await double.close();
    double = await startBrokerDouble({ auth: { kind: "basic", username: "ci-user", password: "s3cret-pass" } });
    const { cwd } = workTreeWithContracts();
    gitInit(cwd, "main");

    const result = await runCli(["publish", "--broker-url", double.baseUrl, "--consumer-version", "1.2.3", "--branch", "release"], {
      cwd,
      env: cleanEnv({ PACT_BROKER_BASE_URL: "http://127.0.0.1:9/not-this-one", PACT_BROKER_USERNAME: "ci-user", PACT_BROKER_PASSWORD: "s3cret-pass" }),
    });

    expect(result.status).toBe(0);
    const calls = publishCalls(double);
    expect(calls).toHaveLength(2);
    for (const call of calls) {
      expect(call.body).toMatchObject({ pacticipantVersionNumber: "1.2.3", branch: "release" });
      expect((call.body as PublishBody).tags).toBeUndefined();
      expect(call.headers.authorization).toBe(`Basic ${Buffer.from("ci-user:s3cret-pass").toString("base64")}`);
    }
    expect(result.stdout + result.stderr).not.toContain("s3cret-pass");
  });

  it("hands credentials to the client in its environment, never on its command line", async () => {
    const spawn = jest.spyOn(childProcess, "spawn");
    const { cwd } = workTreeWithContracts();

    const result = await runCli(["publish", "--consumer-version", "1.0.0"], { cwd, env: cleanEnv({ PACT_BROKER_BASE_URL: double.baseUrl, PACT_BROKER_TOKEN: TOKEN }) });

    expect(result.status).toBe(0);
    const clientCall = spawn.mock.calls.find(([, args]) => (args ?? []).includes("publish"));
    expect(clientCall).toBeDefined();
    const [, args, options] = clientCall!;
    expect(args!.join(" ")).not.toContain(TOKEN);
    expect((options as childProcess.SpawnOptions).env?.PACT_BROKER_TOKEN).toBe(TOKEN);
  });

  it("publishes without a branch on a detached HEAD", async () => {
    const { cwd } = workTreeWithContracts();
    const sha = gitInit(cwd, "main");
    childProcess.execFileSync("git", ["checkout", "--quiet", "--detach"], { cwd });

    const result = await runCli(["publish"], { cwd, env: cleanEnv({ PACT_BROKER_BASE_URL: double.baseUrl, PACT_BROKER_TOKEN: TOKEN }) });

    expect(result.status).toBe(0);
    for (const call of publishCalls(double)) {
      expect((call.body as PublishBody).pacticipantVersionNumber).toBe(sha);
      expect((call.body as PublishBody).branch).toBeUndefined();
    }
  });

  describe("exits 2 with one line", () => {
    function expectOneLineError(result: { status: number; stderr: string; stdout: string }, pattern: RegExp) {
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(pattern);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.stdout + result.stderr).not.toContain(TOKEN);
      expect(result.stdout + result.stderr).not.toContain(READ_ONLY_TOKEN);
    }

    it("when no broker URL is given", async () => {
      const { cwd } = workTreeWithContracts();
      const result = await runCli(["publish", "--consumer-version", "1"], { cwd, env: cleanEnv({ PACT_BROKER_TOKEN: TOKEN }) });
      expectOneLineError(result, /no Pact Broker URL: pass --broker-url or set PACT_BROKER_BASE_URL/);
    });

    it("when the broker URL is not http(s)", async () => {
      const { cwd } = workTreeWithContracts();
      const result = await runCli(["publish", "--consumer-version", "1", "--broker-url", "ftp://broker.example"], { cwd, env: cleanEnv() });
      expectOneLineError(result, /must be http or https/);
    });

    it("when the broker rejects the token (401)", async () => {
      const { cwd } = workTreeWithContracts();
      const result = await runCli(["publish", "--consumer-version", "1"], { cwd, env: cleanEnv({ PACT_BROKER_BASE_URL: double.baseUrl, PACT_BROKER_TOKEN: "wrong-token-77" }) });
      expectOneLineError(result, /rejected the credentials \(401 Unauthorized\)/);
      expect(result.stdout + result.stderr).not.toContain("wrong-token-77");
      expect(double.requests.map((request) => request.status)).toContain(401);
      expect(double.pacts).toHaveLength(0);
    });

    it("when the broker forbids publishing (403, a read-only token)", async () => {
      const { cwd } = workTreeWithContracts();
      const result = await runCli(["publish", "--consumer-version", "1"], { cwd, env: cleanEnv({ PACT_BROKER_BASE_URL: double.baseUrl, PACT_BROKER_TOKEN: READ_ONLY_TOKEN }) });
      expectOneLineError(result, /refused to publish contracts \(403 Forbidden\)/);
      expect(publishCalls(double)[0].status).toBe(403);
      expect(double.pacts).toHaveLength(0);
    });

    it("when the broker is unreachable", async () => {
      const { cwd } = workTreeWithContracts();
      const url = `http://127.0.0.1:${await closedPort()}`;
      const result = await runCli(["publish", "--consumer-version", "1"], { cwd, env: cleanEnv({ PACT_BROKER_BASE_URL: url, PACT_BROKER_TOKEN: TOKEN }) });
      expectOneLineError(result, new RegExp(`cannot reach the Pact Broker at ${url.replace(/\./g, "\\.")}`));
    });

    it("when the contracts directory does not exist", async () => {
      const cwd = tempDir("no-contracts");
      const result = await runCli(["publish", "--contracts", "contracts", "--consumer-version", "1"], { cwd, env: cleanEnv({ PACT_BROKER_BASE_URL: double.baseUrl, PACT_BROKER_TOKEN: TOKEN }) });
      expectOneLineError(result, /no contracts to publish: .*contracts does not exist/);
      expect(double.requests).toHaveLength(0);
    });

    it("when the contracts directory holds no pact files", async () => {
      const cwd = tempDir("empty-contracts");
      mkdirSync(path.join(cwd, "contracts"));
      writeFileSync(path.join(cwd, "contracts", "README.md"), "not a pact");
      const result = await runCli(["publish", "--contracts", "contracts", "--consumer-version", "1"], { cwd, env: cleanEnv({ PACT_BROKER_BASE_URL: double.baseUrl, PACT_BROKER_TOKEN: TOKEN }) });
      expectOneLineError(result, /no contracts to publish: .*holds no \.json pact files/);
      expect(double.requests).toHaveLength(0);
    });

    it("when there is no consumer version and no git work tree", async () => {
      const { cwd } = workTreeWithContracts();
      const result = await runCli(["publish"], { cwd, env: cleanEnv({ PACT_BROKER_BASE_URL: double.baseUrl, PACT_BROKER_TOKEN: TOKEN, GIT_CEILING_DIRECTORIES: path.dirname(cwd) }) });
      expectOneLineError(result, /no consumer version: pass --consumer-version/);
    });

    it("when only a username is set", async () => {
      const { cwd } = workTreeWithContracts();
      const result = await runCli(["publish", "--consumer-version", "1"], { cwd, env: cleanEnv({ PACT_BROKER_BASE_URL: double.baseUrl, PACT_BROKER_USERNAME: "ci-user" }) });
      expectOneLineError(result, /PACT_BROKER_USERNAME is set but PACT_BROKER_PASSWORD is not/);
    });
  });
});
