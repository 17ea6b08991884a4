import { UsageError } from "../exitCodes";
import { createHttpClient, type HttpClient } from "../http/client";
import { findOperation, operationPath, operations, schemaRegistry, type Operation, type ResourceTypeKey } from "../catalog";
import { PACT_CHECK_ID, type CheckResult, type Exchange, type RunResults, type RunTimings } from "../results/model";
import { baselineOutcome, markAccepted, today } from "./baseline";
import { pactCheckId } from "./pact/outcome";
import { ruleIds } from "../rules";
import type { TestCase } from "../checks/types";
import { judge } from "../checks/registry";
import { startReferenceProvider } from "../provider";
import { generateCases } from "./cases/generate";
import { runCases, stepBodyText } from "./conformance";
import { provisionEntities, releaseEntities, type HeldEntity } from "./entities";
import { isSelected, type VerifyOptions } from "./options";
import { PROVIDER_STATES_PATH } from "../rules";
import { readContracts, type ContractFile } from "./pact/contracts";
import { catalogContracts, recordsContracts } from "../contracts/catalogContracts";
import { runPactVerification } from "./pact/runPact";
import { startPactWorker } from "./pact/workerProcess";
import { describeOperation, type Target } from "./target";
import { INTERRUPT_TEARDOWN_TIMEOUT_MS } from "../safety/limits";
import { RateLimiter } from "../safety/rateLimiter";
import type { RetryEvent } from "../safety/retryPolicy";
import { RunControl } from "../safety/runControl";
import { assertWritesAllowed } from "../safety/writeGuard";
import { packageManifest } from "../packageFiles";
import { commandCredentials, fixedCredentials, type Credentials } from "../http/credentials";

/**
 * One `verify` run: preflight (contracts readable, target reachable, entities
 * held), then the Pact verification and the conformance cases, then one
 * RunResults for the reporters. Anything that makes the run impossible is a
 * UsageError (exit 2); everything the target does wrong is a failed CheckResult.
 */

export interface RunListener {
  /** Before anything is sent: where the run goes and how it is seeded. */
  onStart?(plan: { baseUrl: string; embedded: boolean; seed: number; casesPerRule: number; cases: number; interactions: number }): void;
  onCheckFinished?(result: CheckResult): void;
  /** A 429/503 the client waits out before trying again. */
  onRetry?(request: { method: string; url: string }, retry: RetryEvent): void;
}

/**
 * The run could not be made, or stopped before any check could run; `results`
 * holds what is known (target, the reason as `incomplete`) so the reports are
 * still written.
 */
export class RunNotMade extends UsageError {
  constructor(
    message: string,
    readonly results: RunResults,
  ) {
    super(message);
  }
}

/** Pause between two tries of --wait-for-target. */
const WAIT_POLL_MS = 250;

/**
 * The target must answer (any HTTP status) before anything is written. With
 * --wait-for-target it is asked again until it does or the time is up, so CI can
 * start the server and the suite in one step.
 */
async function assertReachable(client: HttpClient, target: Target, waitMs: number, signal: AbortSignal): Promise<void> {
  const deadline = performance.now() + waitMs;
  for (;;) {
    const exchange = await client.send({ method: "GET", url: `${target.baseUrl}/` });
    if (exchange.response) return;
    const left = deadline - performance.now();
    if (left <= 0 || signal.aborted) {
      throw new UsageError(waitMs > 0 ? `the target ${target.baseUrl} did not answer within ${waitMs} ms (--wait-for-target): ${exchange.error}` : `the target ${target.baseUrl} is not reachable: ${exchange.error}`);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(WAIT_POLL_MS, left)));
  }
}

/** Refuses, before anything is sent, to write to a host that is not loopback without --allow-writes. */
function guardWrites(options: VerifyOptions, selected: readonly Operation[], baseUrl: string, stateUrl: string): void {
  const planned = selected.map((operation) => {
    const fixture = options.fixtures[operation.type];
    const path = operationPath(operation, operation.method === "PATCH" ? fixture : undefined, options.pathOverrides[operation.id]);
    return { id: operation.id, method: operation.method, path, ...(operation.providerState && fixture === undefined ? { providerState: operation.providerState } : {}) };
  });
  const needsStates = planned.some((operation) => operation.providerState !== undefined);
  assertWritesAllowed({ baseUrl, allowWrites: options.allowWrites, ...(needsStates ? { stateUrl } : {}), operations: planned });
}

function selectedCases(options: VerifyOptions): TestCase[] {
  const schemas = schemaRegistry();
  const cases = operations().flatMap((operation) =>
    ruleIds.filter((rule) => isSelected(options, operation.id, rule)).flatMap((rule) => generateCases(schemas, operation, rule, { seed: options.seed, casesPerRule: options.casesPerRule })),
  );
  const named = options.checkIds ? cases.filter((testCase) => options.checkIds!.has(testCase.id)) : cases;
  return options.checkSelection ? named.flatMap((testCase) => withSelectedChecks(testCase, options.checkSelection!)) : named;
}

/** `--checks`, `--exclude-checks`: a case is judged only by the selected checks, and not sent when none is left. */
function withSelectedChecks(testCase: TestCase, selection: NonNullable<VerifyOptions["checkSelection"]>): TestCase[] {
  const kept = testCase.checks.filter((id) => (!selection.include || selection.include.has(id)) && !selection.exclude.has(id));
  return kept.length === 0 ? [] : [{ ...testCase, checks: kept }];
}

/** Whether the Pact interactions run: their one check is `pact_verification`. */
function pactCheckSelected(selection: VerifyOptions["checkSelection"]): boolean {
  return !selection || ((!selection.include || selection.include.has(PACT_CHECK_ID)) && !selection.exclude.has(PACT_CHECK_ID));
}

/**
 * `--case`, `--rerun-failed`: every named check must exist in this version, and a
 * rerun case must send what the earlier run sent, or the rerun would not repeat it.
 */
function assertRebuilt(options: VerifyOptions, cases: readonly TestCase[], contracts: readonly ContractFile[]): void {
  if (!options.checkIds) return;
  const known = new Set([...cases.map((testCase) => testCase.id), ...contracts.flatMap((contract) => contract.interactions.map((interaction) => pactCheckId(interaction.description)))]);
  const missing = [...options.checkIds].filter((id) => !known.has(id));
  if (missing.length > 0) throw new UsageError(`${missing.length} check(s) cannot be rebuilt by this version with seed ${options.seed}: ${missing.slice(0, 3).join(", ")}${missing.length > 3 ? ", …" : ""}`);
  for (const testCase of cases) {
    const sent = options.rerunBodies?.get(testCase.id);
    const step = testCase.steps[0];
    if (sent === undefined || step === undefined) continue;
    // A step that carries the path id sent the earlier run's entity id, which a new run's entity does not have.
    const rebuilt = stepBodyText(step, step.withPathId ? earlierPathId(sent) : undefined);
    if (sent !== rebuilt) throw new UsageError(`check ${testCase.id} cannot be rebuilt: this version generates another body than the earlier run sent`);
  }
}

/** The `id` a path-id step put into its body in the earlier run. */
function earlierPathId(sent: string): string | undefined {
  try {
    const id = (JSON.parse(sent) as { id?: unknown }).id;
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}

/** The client, with each exchange also kept in `sink`: requests that belong to no check, for the HAR. */
function recording(client: HttpClient, sink: Exchange[]): HttpClient {
  return {
    send: async (request) => {
      const exchange = await client.send(request);
      sink.push(exchange);
      return exchange;
    },
  };
}

function typesToHold(cases: readonly TestCase[]): ResourceTypeKey[] {
  const types = new Set<ResourceTypeKey>();
  for (const testCase of cases) {
    for (const step of testCase.steps) if (step.target?.kind === "entity") types.add(findOperation(step.operationId)!.type);
  }
  return [...types];
}

/**
 * The run's credentials: the token given, or `--token-command`'s (run now). A
 * renewal that fails later stops the run: it cannot go on with an expired token.
 */
export function credentialsFor(options: VerifyOptions, control: RunControl): Promise<Credentials> {
  if (!options.tokenCommand) return Promise.resolve(fixedCredentials(options.token));
  return commandCredentials(options.tokenCommand, (error) => control.stop(error.message));
}

export async function runVerify(
  options: VerifyOptions,
  listener: RunListener = {},
  control: RunControl = new RunControl({ maxRunMs: options.maxRunMs, maxFailures: options.maxFailures }),
  credentials?: Credentials,
): Promise<RunResults> {
  const startedAt = new Date();
  const started = performance.now();
  // The Verifier fetches broker pacts itself; only local ones are read up front. The
  // catalog's are recorded only when the Pact check runs, and removed whatever happens.
  const local = !options.remotePacts && (!recordsContracts(options.contractsDir) || pactCheckSelected(options.checkSelection));
  const recorded = local ? await catalogContracts(options.contractsDir) : undefined;
  try {
    const contracts = recorded ? readContracts(recorded.dir) : [];
    return await runWithContracts(options, contracts, listener, control, credentials, { startedAt, started });
  } finally {
    recorded?.remove();
  }
}

async function runWithContracts(
  options: VerifyOptions,
  contracts: ContractFile[],
  listener: RunListener,
  control: RunControl,
  credentials: Credentials | undefined,
  { startedAt, started }: { startedAt: Date; started: number },
): Promise<RunResults> {
  // With --token-command the command runs now, before any request: a failure ends the run here (exit 2).
  const tokens = credentials ?? (await credentialsFor(options, control));
  const pactSelected =
    pactCheckSelected(options.checkSelection) &&
    (options.remotePacts !== undefined || contracts.some((contract) => contract.interactions.some((interaction) => isSelected(options, interaction.operationId, interaction.ruleId))));
  const selectedOperations = operations().filter((operation) => ruleIds.some((rule) => isSelected(options, operation.id, rule)));
  const provider = options.baseUrl === undefined ? await startReferenceProvider({ port: 0, host: "127.0.0.1", ...(options.tokenCommand ? {} : { token: options.token }) }) : undefined;
  const baseUrl = provider?.baseUrl ?? options.baseUrl!;
  const stateUrl = provider?.stateUrl ?? options.stateUrl ?? `${baseUrl}${PROVIDER_STATES_PATH}`;
  // Only a given target can be remote: the embedded provider listens on loopback.
  if (!provider) guardWrites(options, selectedOperations, baseUrl, stateUrl);
  // Taken now (prestarted by the bin, or forked here), before the reachability check and the cases, so its start-up overlaps theirs; disposed in `finally`.
  const pactWorker = pactSelected ? startPactWorker() : undefined;
  const target: Target = {
    baseUrl,
    stateUrl,
    embedded: provider !== undefined,
    pathOverrides: options.pathOverrides,
  };
  const rateLimiter = options.rate === undefined ? undefined : new RateLimiter(options.rate);
  const client = createHttpClient({
    timeoutMs: options.timeoutMs,
    signal: control.signal,
    ...(rateLimiter ? { rateLimiter } : {}),
    remainingMs: () => control.remainingMs(),
    ...(listener.onRetry ? { onRetry: listener.onRetry } : {}),
    insecure: options.insecure,
    credentials: tokens,
  });
  let held = new Map<ResourceTypeKey, HeldEntity>();
  const setupExchanges: Exchange[] = [];
  const resultsSoFar = (checks: CheckResult[], incomplete?: string): RunResults => ({
    tool: { name: packageManifest().name, version: packageManifest().version },
    target: {
      baseUrl,
      embedded: target.embedded,
      stateUrl: target.stateUrl,
      operations: selectedOperations.map((operation) => {
        const entity = held.get(operation.type);
        const source = operation.method === "POST" ? "created" : entity?.source;
        return describeOperation(target, operation, source, entity?.id);
      }),
    },
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    durationMs: Math.round(performance.now() - started),
    seed: options.seed,
    casesPerRule: options.casesPerRule,
    ...(incomplete === undefined ? {} : { incomplete }),
    checks,
    setupExchanges,
  });
  try {
    await assertReachable(recording(client, setupExchanges), target, options.waitForTargetMs, control.signal);
    const cases = selectedCases(options);
    assertRebuilt(options, cases, contracts);
    const selectedInteraction = (interaction: ContractFile["interactions"][number]) =>
      isSelected(options, interaction.operationId, interaction.ruleId) &&
      pactCheckSelected(options.checkSelection) &&
      (!options.checkIds || options.checkIds.has(pactCheckId(interaction.description)));
    listener.onStart?.({
      baseUrl,
      embedded: target.embedded,
      seed: options.seed,
      casesPerRule: options.casesPerRule,
      cases: cases.length,
      interactions: contracts.flatMap((contract) => contract.interactions).filter(selectedInteraction).length,
    });
    const timings: RunTimings = { preflightMs: 0, pactMs: 0, conformanceMs: 0, checksMs: 0 };
    const timedPart = async <T>(part: "pactMs" | "conformanceMs", work: () => Promise<T>): Promise<T> => {
      const partStarted = performance.now();
      try {
        return await work();
      } finally {
        timings[part] = Math.round(performance.now() - partStarted);
      }
    };
    const timedJudge: typeof judge = (...args) => {
      const judgeStarted = performance.now();
      try {
        return judge(...args);
      } finally {
        timings.checksMs += performance.now() - judgeStarted;
      }
    };
    // A failure the baseline accepts is marked as it finishes (every result passes
    // here): it neither counts towards --max-failures nor shows as a failure in the live lines.
    const runDay = today();
    const report = (result: CheckResult) => {
      if (options.baseline) markAccepted(options.baseline, result, runDay);
      if (result.status === "failed" && !result.accepted) control.recordFailure();
      listener.onCheckFinished?.(result);
    };
    const pact = () =>
      timedPart("pactMs", () => runPactVerification({
        contracts,
        remotePacts: options.remotePacts,
        isSelected: selectedInteraction,
        target,
        credentials: tokens,
        fixtures: options.fixtures,
        timeoutMs: options.timeoutMs,
        signal: control.signal,
        ...(options.rate === undefined ? {} : { rate: options.rate }),
        insecure: options.insecure,
        ...(pactWorker ? { worker: pactWorker } : {}),
      })).then(
        (verification) => {
          verification.results.forEach(report);
          setupExchanges.push(...verification.stateExchanges);
          return verification.results;
        },
        // A stopped run loses the Pact part in flight; its conformance results still count.
        (error: unknown) => (control.stopped ? [] : Promise.reject(error)),
      );
    // With fixtures both parts would write to the same entities, so they take turns;
    // with a state URL each part has entities of its own and the Pact part starts
    // at once, beside the cases' own set-up, unless --rate is given: each part then
    // keeps to the whole rate on its own.
    const inTurns = Object.keys(options.fixtures).length > 0 || options.rate !== undefined;
    const pactRun = inTurns ? undefined : pact();
    // Settled at once when it fails, so a failure while the cases run is no unhandled rejection.
    pactRun?.catch(() => undefined);
    held = await provisionEntities(recording(client, setupExchanges), target, typesToHold(cases), options.fixtures);
    timings.preflightMs = Math.round(performance.now() - started);
    const pactFirst = inTurns ? await pact() : undefined;
    // The worker kept to the whole rate until now: the cases' first request waits its interval.
    if (pactFirst) rateLimiter?.drain();
    const caseResults = await timedPart("conformanceMs", () =>
      runCases({ client, target, entities: held, context: { schemas: schemaRegistry() }, signal: control.signal, judge: timedJudge }, cases, report),
    );
    const pactResults = pactFirst ?? (await pactRun!);
    const checks = [...pactResults, ...caseResults];
    // The checks' time is a sum of many small spans, rounded once.
    return {
      ...resultsSoFar(checks, control.incomplete),
      timings: { ...timings, checksMs: Math.round(timings.checksMs) },
      ...(options.baseline ? { baseline: baselineOutcome(options.baseline, checks, runDay) } : {}),
    };
  } catch (error) {
    if (!(error instanceof UsageError) && !control.stopped) throw error;
    const reason = control.incomplete ?? (error as Error).message;
    throw new RunNotMade(control.stopped ? `the run stopped before any check finished: ${reason}` : reason, resultsSoFar([], reason));
  } finally {
    // Entities set up on the target are removed even after a stop, in a bounded time.
    const teardownClient = control.stopped ? createHttpClient({ timeoutMs: Math.min(options.timeoutMs, INTERRUPT_TEARDOWN_TIMEOUT_MS), insecure: options.insecure, credentials: tokens }) : client;
    await releaseEntities(teardownClient, target, held.values());
    await provider?.close();
    pactWorker?.dispose();
    if (!credentials) tokens.stop();
    control.dispose();
  }
}
