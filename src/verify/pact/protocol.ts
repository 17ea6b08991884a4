import type { ResourceTypeKey } from "../../catalog";
import type { Exchange } from "../../results/model";
import type { Target } from "../target";

/** The messages between the runner and the Pact worker process (src/verify/pact/worker.ts). */

export interface PactWorkerRequest {
  /** Each Verifier run: a local pact file, or a remote source's Verifier options in place of `pactUrls`. */
  contracts: { file: string; provider: string; verifierOptions?: Record<string, unknown> }[];
  target: Target;
  /** The bearer token to start with. */
  token: string;
  fixtures: Partial<Record<ResourceTypeKey, string>>;
  timeoutMs: number;
  /** `--rate`: requests per second from the worker (the runner then waits for it before its own cases). */
  rate?: number;
  /** `--insecure`: the front and the state calls accept a certificate that does not verify. */
  insecure: boolean;
  /**
   * Variables the native core reads when it verifies (the description filter, the
   * trust store): set in the worker before it starts, since the worker was forked
   * before they were known.
   */
  coreEnv: Record<string, string>;
  /** `--operations`: the worker reads the same catalog as the runner (its state handlers cover the added types). */
  operationsFile?: string;
}

export interface TaggedExchange {
  tag: string;
  exchange: Exchange;
}

export interface StateProblem {
  state: string;
  id: string;
  action: "setup" | "teardown";
  problem: string;
}

export interface PactRunOutcome {
  file: string;
  provider: string;
  /** The core's JSON report (`pactffi_verifier_json`); absent when the Verifier could not run. */
  report?: string;
  /** Why the Verifier could not run. */
  error?: string;
  /** Every request the front sent on, in order, each with its request's tag (requestTag.ts). */
  exchanges: TaggedExchange[];
  /** The state-change calls the Verifier asked for. */
  stateExchanges: Exchange[];
  stateProblems: StateProblem[];
}

export interface PactWorkerOutcome {
  runs: PactRunOutcome[];
}

/**
 * The run's one source of tokens stays in the runner: the worker sends with the
 * token it was given, tells which worked, and asks the runner for a new one on a
 * 401 (`--token-command`).
 */
export type WorkerMessage = { kind: "outcome"; outcome: PactWorkerOutcome } | { kind: "worked"; token: string } | { kind: "renew"; token: string };
export type RunnerMessage = { kind: "request"; request: PactWorkerRequest } | { kind: "renewed"; refused: string; token?: string };
