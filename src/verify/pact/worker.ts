// The Verifier alone: the package's index also loads the consumer DSL, its matchers
// and their dependencies, about 350 ms of the worker's start the run waits for.
import { Verifier } from "@pact-foundation/pact/src/dsl/verifier/verifier";
import type { VerifierOptions } from "@pact-foundation/pact/src/dsl/verifier/types";
import { createHttpClient } from "../../http/client";
import { resourceTypes, useCatalog } from "../../catalog";
import { loadOperationsFile } from "../../catalog/operationsFile";
import { longestRequestMs } from "../../safety/limits";
import { RateLimiter } from "../../safety/rateLimiter";
import { changeState, stateChangeProblem } from "../entities";
import type { PactRunOutcome, PactWorkerOutcome, PactWorkerRequest, RunnerMessage, StateProblem, WorkerMessage } from "./protocol";
import type { Credentials } from "../../http/credentials";
import type { Exchange } from "../../results/model";
import { createRequestFilter, type FilterState } from "./requestFilter";

/**
 * The Pact worker: a child process that runs the official Verifier over each
 * contract file and sends back the core's JSON report and the recorded exchanges.
 * It runs apart because the native core prints its own report to stdout, which
 * would tear through the runner's console; the parent discards this process's
 * stdout and reads the JSON instead.
 */

type StateHandler = { setup: (params?: unknown) => Promise<undefined>; teardown: (params?: unknown) => Promise<undefined> };

function idOf(params: unknown): string {
  const id = (params as { id?: unknown } | undefined)?.id;
  return typeof id === "string" ? id : "";
}

function tell(message: WorkerMessage): void {
  process.send?.(message);
}

/** Credentials that ask the runner's for each renewal (see protocol.ts). */
function runnerCredentials(initial: string): Credentials {
  const tokens = [initial];
  const toldWorked = new Set<string>();
  const renewals = new Map<string, { promise: Promise<string | undefined>; resolve: (token: string | undefined) => void }>();
  process.on("message", (message: RunnerMessage) => {
    if (message.kind !== "renewed") return;
    if (message.token !== undefined && !tokens.includes(message.token)) tokens.push(message.token);
    renewals.get(message.refused)?.resolve(message.token);
  });
  return {
    token: () => tokens.at(-1)!,
    worked(token) {
      if (toldWorked.has(token)) return;
      toldWorked.add(token);
      tell({ kind: "worked", token });
    },
    renewAfter401(token) {
      let renewal = renewals.get(token);
      if (!renewal) {
        let resolve!: (token: string | undefined) => void;
        const promise = new Promise<string | undefined>((settle) => (resolve = settle));
        renewal = { promise, resolve };
        renewals.set(token, renewal);
        tell({ kind: "renew", token });
      }
      return renewal.promise;
    },
    all: () => tokens,
    stop: () => undefined,
  };
}

async function verifyContract(request: PactWorkerRequest, contract: PactWorkerRequest["contracts"][number], credentials: Credentials, rateLimiter: RateLimiter | undefined): Promise<PactRunOutcome> {
  const client = createHttpClient({ timeoutMs: request.timeoutMs, insecure: request.insecure, credentials, ...(rateLimiter ? { rateLimiter } : {}) });
  const filterState: FilterState = { target: request.target, client, exchanges: [] };
  const stateProblems: StateProblem[] = [];
  const stateExchanges: Exchange[] = [];
  const stateHandlers: Record<string, StateHandler> = {};
  for (const type of Object.values(resourceTypes())) {
    const state = type.providerState;
    if (state === undefined) continue;
    const fixture = request.fixtures[type.key];
    const change = async (action: "setup" | "teardown", params: unknown) => {
      // A fixture exists already: its contracts were rewritten to its id, nothing to set up.
      if (fixture !== undefined) return undefined;
      const id = idOf(params);
      const exchange = await changeState(client, request.target, state, (params ?? {}) as Record<string, unknown>, action);
      stateExchanges.push(exchange);
      const problem = stateChangeProblem(exchange);
      if (problem) stateProblems.push({ state: state, id, action, problem });
      return undefined;
    };
    stateHandlers[state] = { setup: (params) => change("setup", params), teardown: (params) => change("teardown", params) };
  }
  const verifier = new Verifier({
    provider: contract.provider,
    providerBaseUrl: request.target.baseUrl,
    ...(contract.verifierOptions ?? { pactUrls: [contract.file] }),
    // The option's type intersects HTTP and message state handlers; these are HTTP ones.
    stateHandlers: stateHandlers as unknown as VerifierOptions["stateHandlers"],
    // Express mounts an array of handlers like one; the second catches the proxy's JSON parse errors.
    requestFilter: createRequestFilter(filterState),
    // The core waits on our request filter, which may retry a 429/503 (see requestFilter.ts).
    timeout: longestRequestMs(request.timeoutMs),
    logLevel: "error",
  });
  const outcome = (report: string | undefined, error?: string): PactRunOutcome => ({
    file: contract.file,
    provider: contract.provider,
    ...(report === undefined ? {} : { report }),
    ...(error === undefined ? {} : { error }),
    exchanges: filterState.exchanges,
    stateExchanges,
    stateProblems,
  });
  try {
    return outcome(await verifier.verifyProvider());
  } catch (error) {
    // A failed verification rejects with the JSON report as the message; anything else could not run.
    const message = error instanceof Error ? error.message : String(error);
    return message.trimStart().startsWith("{") ? outcome(message) : outcome(undefined, message);
  }
}

async function run(request: PactWorkerRequest): Promise<PactWorkerOutcome> {
  Object.assign(process.env, request.coreEnv);
  if (request.operationsFile) useCatalog(loadOperationsFile(request.operationsFile));
  const credentials = runnerCredentials(request.token);
  // Each contract has its own Verifier and proxy, so they run side by side; under
  // --rate one after the other, so that their requests keep the order they are sent in.
  if (request.rate === undefined) return { runs: await Promise.all(request.contracts.map((contract) => verifyContract(request, contract, credentials, undefined))) };
  // One limiter for every state call and proxied request; it starts drained, as the
  // runner sent its own set-up at the whole rate until it handed over.
  const rateLimiter = new RateLimiter(request.rate);
  rateLimiter.drain();
  const runs: PactRunOutcome[] = [];
  for (const contract of request.contracts) runs.push(await verifyContract(request, contract, credentials, rateLimiter));
  return { runs };
}

process.on("message", (message: RunnerMessage) => {
  if (message.kind !== "request") return;
  run(message.request).then(
    (outcome) => process.send?.({ kind: "outcome", outcome } satisfies WorkerMessage, () => process.exit(0)),
    (error: unknown) => {
      process.stderr.write(`pact worker: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
});
