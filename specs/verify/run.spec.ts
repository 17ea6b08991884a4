import http from "node:http";
import type { AddressInfo } from "node:net";
import { UsageError } from "../../src/exitCodes";
import { defaultBehaviour, startReferenceProvider, type ProviderBehaviour, type RunningProvider } from "../../src/provider";
import { resourceTypes, type ResourceTypeKey } from "../../src/catalog";
import type { CheckResult, RunResults } from "../../src/results/model";
import { ruleIds } from "../../src/rules";
import { resolveVerifyOptions, type RawVerifyOptions } from "../../src/verify/options";
import { runVerify } from "../../src/verify/run";

const TOKEN = "run-spec-token-0c4f9e";
jest.setTimeout(60_000);

async function verify(raw: RawVerifyOptions): Promise<RunResults> {
  return runVerify(resolveVerifyOptions({ seed: "11", cases: "2", ...raw }, process.cwd()));
}

async function withProvider<T>(behaviour: Partial<ProviderBehaviour>, use: (provider: RunningProvider) => Promise<T>, prefix?: string): Promise<T> {
  const provider = await startReferenceProvider({ port: 0, host: "127.0.0.1", token: TOKEN, behaviour, ...(prefix ? { prefix } : {}) });
  try {
    return await use(provider);
  } finally {
    await provider.close();
  }
}

const failedRules = (results: RunResults, source?: CheckResult["source"]) =>
  [...new Set(results.checks.filter((check) => check.status === "failed" && (source === undefined || check.source === source)).map((check) => check.ruleId))].sort();

describe("runVerify against the embedded reference provider", () => {
  let results: RunResults;
  beforeAll(async () => {
    results = await verify({});
  });

  it("passes every Pact interaction and every conformance case", () => {
    expect(results.checks.filter((check) => check.status !== "passed").map((check) => `${check.operationId} ${check.ruleId} ${check.name}: ${check.message}`)).toEqual([]);
    expect(results.checks.filter((check) => check.source === "pact").length).toBeGreaterThanOrEqual(30);
  });

  it("checks every rule P1–P10 and E1–E14, and every operation", () => {
    const conformance = results.checks.filter((check) => check.source === "conformance");
    expect(new Set(conformance.map((check) => check.ruleId))).toEqual(new Set(ruleIds));
    expect(results.target.operations.map((operation) => operation.operationId).sort()).toEqual(
      ["identityGovernance.run.update", "industryData.outgoingFlowRun.update", "industryData.run.update", "industryData.runGroup.create", "industryData.runGroup.update"],
    );
  });

  it("records the run: embedded target, seed, inferred paths, where entities came from, exchanges without the token", () => {
    expect(results).toMatchObject({ seed: 11, casesPerRule: 2, target: { embedded: true } });
    const inferred = results.target.operations.filter((operation) => operation.inferredBecause).map((operation) => operation.operationId);
    expect(inferred.sort()).toEqual(["industryData.outgoingFlowRun.update", "industryData.runGroup.update"]);
    expect(results.target.operations.find((operation) => operation.operationId === "industryData.run.update")?.entitySource).toBe("provider-state");
    const withAuth = results.checks.flatMap((check) => check.exchanges).filter((exchange) => exchange.request.headers.authorization !== undefined);
    expect(withAuth.length).toBeGreaterThan(100);
    // The credential is masked, the scheme kept: E1 also sends Basic credentials and an empty bearer token.
    expect(new Set(withAuth.map((exchange) => exchange.request.headers.authorization))).toEqual(new Set(["Bearer ***", "Basic ***", "Bearer "]));
  });

  it("sends the read-modify-write cases with the path id as the body's id (rules.md §2), one P1 and one P2 case per PATCH", () => {
    const carrying = results.checks.filter((check) => check.source === "conformance" && check.name.endsWith("with the path id as id"));
    expect(carrying.map((check) => check.ruleId).sort()).toEqual([...Array(4).fill("P1"), ...Array(4).fill("P2")]);
    for (const check of carrying) {
      const last = check.exchanges.at(-1)!;
      expect(JSON.parse(last.request.body!).id).toBe(decodeURIComponent(last.request.url.split("/").at(-1)!));
    }
  });
});

describe("runVerify against a provider that breaks one rule", () => {
  it("reports accepted out-of-enum values as E4 failures, in the contracts and the generated cases", async () => {
    const results = await withProvider(
      { validateBody: (operation, body) => defaultBehaviour.validateBody(operation, body).filter((violation) => violation.rule !== "E4") },
      (provider) => verify({ baseUrl: provider.baseUrl, token: TOKEN, skip: ["E12"] }),
    );
    expect(failedRules(results, "pact")).toEqual(["E4"]);
    expect(failedRules(results, "conformance")).toEqual(["E4"]);
    const failure = results.checks.find((check) => check.source === "conformance" && check.status === "failed")!;
    expect(failure.message).toMatch(/\[status_code_conformance\] the faulty body: expected 400, got 20[01]/);
    expect(failure.exchanges[0].request.body).toContain('"paused"');
  });

  it("reports a PATCH that replaces the whole entity as P2, P3 and E12 failures (later answers lose earlier members)", async () => {
    const results = await withProvider(
      { applyPatch: (current, body, operation) => defaultBehaviour.applyPatch({ id: current.id } as typeof current, body, operation) },
      (provider) => verify({ baseUrl: provider.baseUrl, token: TOKEN, only: ["P2", "P3", "E12"] }),
    );
    expect(failedRules(results, "conformance")).toEqual(["E12", "P2", "P3"]);
    expect(results.checks.find((check) => check.ruleId === "P2" && check.status === "failed")?.message).toMatch(/partial_update_preserves_members/);
  });

  it("reports a rejected write whose valid members were applied anyway as E12 failures", async () => {
    const results = await withProvider(
      {
        rejectedWrite(write) {
          const current = write.id === undefined ? undefined : write.store.get(write.operation.type, write.id);
          const offending = new Set(write.violations.map((violation) => violation.path.replace(/^\$\./, "")));
          const valid = Object.entries((write.body ?? {}) as Record<string, unknown>).filter(([name]) => !offending.has(name));
          if (current) write.store.put(write.operation.type, { ...current, ...Object.fromEntries(valid) });
        },
      },
      (provider) => verify({ baseUrl: provider.baseUrl, token: TOKEN, only: ["E12"] }),
    );
    expect(failedRules(results)).toEqual(["E12"]);
    expect(results.checks.find((check) => check.status === "failed")?.message).toMatch(/rejected_write_not_applied.*was applied anyway/);
  });

  it("reports a non-Graph error body on every rejection, under each rule", async () => {
    const results = await withProvider({ errorBody: () => ({ message: "nope" }) }, (provider) => verify({ baseUrl: provider.baseUrl, token: TOKEN, only: ["industryData.run.update"] }));
    // Every bad-input rule of the operation (it has no Int32 member for E6; E10 is the POST's).
    expect(failedRules(results, "conformance")).toEqual(["E1", "E11", "E12", "E13", "E14", "E2", "E3", "E4", "E5", "E7", "E8", "E9"]);
    expect(results.checks.find((check) => check.ruleId === "E4" && check.source === "conformance")?.message).toMatch(/error_response_shape/);
  });
});

describe("runVerify with fixtures, a path prefix and path overrides", () => {
  it("PATCHes the fixture entities in place of the contracts' ids, keeps E9's unknown id, and never calls the state URL", async () => {
    await withProvider(
      {},
      async (provider) => {
        const fixtures: string[] = [];
        for (const type of Object.keys(resourceTypes()) as ResourceTypeKey[]) {
          const id = `fixture-${type}`;
          const response = await fetch(provider.stateUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ state: resourceTypes()[type].providerState, params: { id }, action: "setup" }) });
          expect(response.status).toBe(200);
          fixtures.push(`${type}=${id}`);
        }
        const results = await verify({ baseUrl: provider.baseUrl, token: TOKEN, fixture: fixtures, stateUrl: "http://127.0.0.1:9/nowhere" });
        expect(results.checks.filter((check) => check.status !== "passed").map((check) => `${check.source} ${check.operationId} ${check.ruleId} ${check.message}`)).toEqual([]);
        const pactPatch = results.checks.find((check) => check.source === "pact" && check.operationId === "industryData.run.update" && check.ruleId === "P1")!;
        expect(pactPatch.exchanges[0].request.url).toBe(`${provider.baseUrl}/process/runs/fixture-industryData.run`);
        const pactUnknown = results.checks.find((check) => check.source === "pact" && check.operationId === "industryData.run.update" && check.ruleId === "E9")!;
        expect(pactUnknown.exchanges[0].request.url).not.toContain("fixture-");
        expect(results.target.operations.find((operation) => operation.operationId === "industryData.run.update")?.entitySource).toBe("fixture");
      },
      "/beta",
    );
  });

  it("sends to an overridden path, in the contracts and the cases, and marks the path as given rather than inferred", async () => {
    const results = await withProvider({}, (provider) =>
      verify({ baseUrl: provider.baseUrl, token: TOKEN, only: ["industryData.runGroup.update"], path: ["industryData.runGroup.update=/elsewhere/{id}"] }),
    );
    const checks = results.checks.filter((check) => check.exchanges.length > 0);
    expect(checks.every((check) => check.exchanges.every((exchange) => new URL(exchange.request.url).pathname.startsWith("/elsewhere/")))).toBe(true);
    expect(failedRules(results, "pact").length).toBeGreaterThan(0);
    expect(results.target.operations).toEqual([{ operationId: "industryData.runGroup.update", method: "PATCH", path: "/elsewhere/{id}", entitySource: "provider-state", entityId: expect.stringMatching(/^gc-/) }]);
  });
});

describe("runVerify when the run cannot be made", () => {
  it("refuses an unreachable target", async () => {
    const closed = await startReferenceProvider({ port: 0 });
    await closed.close();
    const run = verify({ baseUrl: closed.baseUrl, token: TOKEN });
    await expect(run).rejects.toBeInstanceOf(UsageError);
    await expect(run).rejects.toThrow(/not reachable: .*ECONNREFUSED/);
  });

  it("refuses a state URL that cannot set up an entity, naming --fixture", async () => {
    await withProvider({}, async (provider) => {
      const run = verify({ baseUrl: provider.baseUrl, token: TOKEN, stateUrl: `${provider.baseUrl}/no-state-here`, only: ["industryData.run.update"] });
      await expect(run).rejects.toThrow(/could not set up "an industryData run exists" \(answered 404\); give --state-url, or --fixture industryData.run=<id/);
    });
  });

  it("refuses a state URL that answers the empty state of a stateless interaction with an error (rules.md §5)", async () => {
    await withProvider({}, async (provider) => {
      // A state hook that knows only named states, and passes them on to the provider's.
      const hook = http.createServer((request, response) => {
        let body = "";
        request.on("data", (chunk) => (body += chunk));
        request.on("end", () => {
          if ((JSON.parse(body) as { state: string }).state === "") {
            response.writeHead(400, { "content-type": "application/json" }).end('{"error":{"code":"noState","message":"state is required"}}');
            return;
          }
          void fetch(provider.stateUrl, { method: "POST", headers: { "content-type": "application/json" }, body }).then(async (answer) => {
            response.writeHead(answer.status, { "content-type": "application/json" }).end(await answer.text());
          });
        });
      });
      await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
      try {
        const { port } = hook.address() as AddressInfo;
        const run = verify({ baseUrl: provider.baseUrl, token: TOKEN, stateUrl: `http://127.0.0.1:${port}/states`, only: ["industryData.run.update"] });
        await expect(run).rejects.toBeInstanceOf(UsageError);
        await expect(run).rejects.toThrow(/refused the empty state a Pact verifier sends for an interaction without one \(answered 400\)/);
      } finally {
        hook.close();
      }
    });
  });

  it("refuses an unreadable contracts directory", async () => {
    await expect(verify({ contracts: "/nonexistent/contracts" })).rejects.toThrow(/contracts directory \/nonexistent\/contracts cannot be read \(ENOENT\)/);
  });
});
