// The native verifier alone, not pact-js's Verifier: that one puts an express proxy
// in front of it (about 100 ms to load, and a hop per request); verifierFront.ts is ours.
import verifier from "@pact-foundation/pact-core/src/verifier";
import type { VerifierOptions } from "@pact-foundation/pact-core/src/verifier/types";
import { createHttpClient } from "../../http/client";
import { resourceTypes, useCatalog } from "../../catalog";
import { loadOperationsFile } from "../../catalog/operationsFile";
import { longestRequestMs } from "../../safety/limits";
import { RateLimiter } from "../../safety/rateLimiter";
import { changeState, stateChangeProblem } from "../entities";
import type { PactRunOutcome, PactWorkerOutcome, PactWorkerRequest, RunnerMessage, StateProblem, WorkerMessage } from "./protocol";
import type { Credentials } from "../../http/credentials";
import type { Exchange } from "../../results/model";
import { startVerifierFront, type FrontState, type StateChange } from "./verifierFront";

/**
 * The Pact worker: a child process that runs the official Verifier over each
 * contract file and sends back the core's JSON report and the recorded exchanges.
 * It runs apart because the native core prints its own report to stdout, which
 * would tear through the runner's console; the parent discards this process's
 * stdout and reads the JSON instead.
 */

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
  const frontState: FrontState = { target: request.target, client, exchanges: [] };
  const stateProblems: StateProblem[] = [];
  const stateExchanges: Exchange[] = [];
  const typeOfState = new Map(Object.values(resourceTypes()).flatMap((type) => (type.providerState === undefined ? [] : [[type.providerState, type.key] as const])));
  // A state no type has (the empty one among them) is a no-op, as it is for pact-js's Verifier.
  const onStateChange = async ({ state, params, action }: StateChange) => {
    const type = typeOfState.get(state);
    // A fixture exists already: its contracts were rewritten to its id, nothing to set up.
    if (type === undefined || request.fixtures[type] !== undefined) return;
    const exchange = await changeState(client, request.target, state, params, action);
    stateExchanges.push(exchange);
    const problem = stateChangeProblem(exchange);
    if (problem) stateProblems.push({ state, id: typeof params.id === "string" ? params.id : "", action, problem });
  };
  const outcome = (report: string | undefined, error?: string): PactRunOutcome => ({
    file: contract.file,
    provider: contract.provider,
    ...(report === undefined ? {} : { report }),
    ...(error === undefined ? {} : { error }),
    exchanges: frontState.exchanges,
    stateExchanges,
    stateProblems,
  });
  const front = await startVerifierFront(frontState, onStateChange);
  try {
    const options: VerifierOptions = {
      provider: contract.provider,
      ...(contract.verifierOptions ?? { pactUrls: [contract.file] }),
      providerBaseUrl: front.baseUrl,
      providerStatesSetupUrl: front.stateChangeUrl,
      // The core waits on the front, which may retry a 429/503 (see verifierFront.ts).
      timeout: longestRequestMs(request.timeoutMs),
      logLevel: "error",
    };
    return outcome(await verifier(options).verify());
  } catch (error) {
    // A failed verification rejects with the JSON report as the message; anything else could not run.
    const message = error instanceof Error ? error.message : String(error);
    return message.trimStart().startsWith("{") ? outcome(message) : outcome(undefined, message);
  } finally {
    await front.close();
  }
}

async function run(request: PactWorkerRequest): Promise<PactWorkerOutcome> {
  Object.assign(process.env, request.coreEnv);
  if (request.operationsFile) useCatalog(loadOperationsFile(request.operationsFile));
  const credentials = runnerCredentials(request.token);
  // Each contract has its own verifier and front, so they run side by side; under
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
