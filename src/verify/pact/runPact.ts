import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { UsageError } from "../../exitCodes";
import { catalog, type ResourceTypeKey } from "../../catalog";
import type { CheckResult, Exchange } from "../../results/model";
import type { Target } from "../target";
import { readContracts, type ContractFile, type ContractInteraction } from "./contracts";
import { pactResults } from "./outcome";
import { writeFixtureContracts } from "./fixtureContracts";
import type { PactWorkerOutcome, PactWorkerRequest, RunnerMessage, WorkerMessage } from "./protocol";
import type { Credentials } from "../../http/credentials";
import type { RemotePactSource } from "./source";
import { startPactWorker, type PactWorkerProcess } from "./workerProcess";

/**
 * Runs the Pact verification in the worker process and maps its outcome. Only the
 * selected interactions are verified: the core's description filter
 * (PACT_DESCRIPTION, a regular expression) is set to exactly their descriptions.
 */

/** Broker pacts are unknown until fetched: the time bound allows this many interactions. */
const BROKER_INTERACTIONS_BOUND = 500;

/** A regular expression (Rust syntax) that matches exactly these descriptions. */
export function descriptionFilter(descriptions: readonly string[]): string {
  const escaped = [...new Set(descriptions)].map((description) => description.replace(/[\\.+*?()|[\]{}^$#&\-~]/g, "\\$&"));
  return `^(?:${escaped.join("|")})$`;
}

/**
 * An empty CA trust store for the core (its rustls reads SSL_CERT_FILE and SSL_CERT_DIR
 * in place of the system's). The core builds a new HTTP client, reading every system
 * CA certificate, for each state change and each request: ~900 file reads and about
 * half of the Pact time per interaction. Verifying local files, the core speaks only
 * plain HTTP to the worker's loopback front (verifierFront.ts, which sends on to the
 * target with Node's TLS), so it needs no CA; pacts from a broker come over TLS and
 * keep the system's.
 */
function emptyTrustStore(): { env: NodeJS.ProcessEnv; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "graph-conformance-no-ca-"));
  return { env: { SSL_CERT_FILE: os.devNull, SSL_CERT_DIR: dir }, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface PactRunRequest {
  contracts: readonly ContractFile[];
  /** The interactions `--only`/`--skip` keep. */
  isSelected(interaction: ContractInteraction): boolean;
  target: Target;
  /** The run's token: the worker starts with its current one and asks for renewals. */
  credentials: Credentials;
  /** `--broker-url`: the pacts the Verifier fetches itself; `contracts` is then empty. */
  remotePacts?: RemotePactSource;
  fixtures: Partial<Record<ResourceTypeKey, string>>;
  timeoutMs: number;
  /** The run's stop signal: the worker is killed when it aborts. */
  signal?: AbortSignal;
  /** `--rate`, kept by the worker for the requests it sends. */
  rate?: number;
  insecure: boolean;
  /** A worker started ahead (startPactWorker); otherwise one is started now. */
  worker?: PactWorkerProcess;
}

export interface PactVerification {
  results: CheckResult[];
  /** The provider-state calls of the Verifier, which belong to no one check. */
  stateExchanges: Exchange[];
}

export async function runPactVerification(request: PactRunRequest): Promise<PactVerification> {
  const plan = request.contracts
    .map((contract) => ({ contract, selected: contract.interactions.filter(request.isSelected) }))
    .filter(({ selected }) => selected.length > 0);
  if (plan.length === 0 && !request.remotePacts) return { results: [], stateExchanges: [] };
  const all = request.contracts.flatMap((contract) => contract.interactions);
  const chosen = plan.flatMap(({ selected }) => selected);
  const coreEnv: Record<string, string> = {};
  if (chosen.length < all.length) coreEnv.PACT_DESCRIPTION = descriptionFilter(chosen.map((interaction) => interaction.description));

  const copies = Object.keys(request.fixtures).length > 0 ? writeFixtureContracts(plan.map(({ contract }) => contract), request.fixtures) : undefined;
  // The copies send the fixture ids: their requests, not the originals', are what the exchanges are tagged with.
  const copiedTags = copies && new Map(readContracts(copies.directory).flatMap((contract) => contract.interactions.map((interaction) => [interaction.description, interaction.tag])));
  const verified = copiedTags ? plan.map(({ selected }) => selected.map((interaction) => ({ ...interaction, tag: copiedTags.get(interaction.description) }))) : plan.map(({ selected }) => selected);
  const workerRequest: PactWorkerRequest = {
    contracts: request.remotePacts ? request.remotePacts.runs : plan.map(({ contract }, index) => ({ file: copies?.files[index] ?? contract.file, provider: contract.provider })),
    target: request.target,
    token: request.credentials.token(),
    fixtures: request.fixtures,
    timeoutMs: request.timeoutMs,
    ...(request.rate === undefined ? {} : { rate: request.rate }),
    insecure: request.insecure,
    coreEnv,
    ...(catalog().operationsFile ? { operationsFile: catalog().operationsFile } : {}),
  };
  // Each interaction: a state setup, the request and a teardown, each bounded by the request timeout.
  const bound = ((request.remotePacts ? BROKER_INTERACTIONS_BOUND : chosen.length) * 3 + 10) * request.timeoutMs;
  const trust = request.remotePacts ? undefined : emptyTrustStore();
  Object.assign(coreEnv, trust?.env);
  let outcome: PactWorkerOutcome;
  try {
    outcome = await runWorker(request.worker ?? startPactWorker(), workerRequest, request.credentials, bound, request.signal);
  } finally {
    copies?.remove();
    trust?.remove();
  }
  const stateExchanges = outcome.runs.flatMap((run) => run.stateExchanges);
  try {
    const remote = request.remotePacts;
    if (remote) return { results: outcome.runs.flatMap((run) => remote.results(run, request.isSelected)), stateExchanges };
    return { results: verified.flatMap((selected, index) => pactResults(outcome.runs[index], selected)), stateExchanges };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function runWorker(worker: PactWorkerProcess, request: PactWorkerRequest, credentials: Credentials, boundMs: number, signal?: AbortSignal): Promise<PactWorkerOutcome> {
  const { child } = worker;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      worker.dispose();
      return reject(signal.reason);
    }
    const ended = worker.earlyEnd();
    if (ended) return reject(new UsageError(`the Pact verifier ${ended}`));
    let outcome: PactWorkerOutcome | undefined;
    const timer = setTimeout(() => child.kill("SIGKILL"), boundMs);
    const stop = () => child.kill("SIGKILL");
    signal?.addEventListener("abort", stop, { once: true });
    child.on("message", (message: WorkerMessage) => {
      if (message.kind === "outcome") outcome = message.outcome;
      else if (message.kind === "worked") credentials.worked(message.token);
      else void credentials.renewAfter401(message.token).then((token) => child.connected && child.send({ kind: "renewed", refused: message.token, ...(token === undefined ? {} : { token }) } satisfies RunnerMessage));
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new UsageError(`the Pact verifier could not start: ${error.message}`));
    });
    // "close", not "exit": "exit" may come before the last IPC message, the outcome, is read.
    child.on("close", (code, exitSignal) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", stop);
      if (outcome) return resolve(outcome);
      if (signal?.aborted) return reject(signal.reason);
      const lastLine = worker.lastStderrLine();
      const why = exitSignal === "SIGKILL" ? `did not finish within ${boundMs} ms` : `stopped (${exitSignal ?? `exit ${code}`})${lastLine ? `: ${lastLine}` : ""}`;
      reject(new UsageError(`the Pact verifier ${why}`));
    });
    child.send({ kind: "request", request } satisfies RunnerMessage);
  });
}
