import { UsageError } from "../exitCodes";
import { createHttpClient, type HttpClient } from "../http/client";
import { operations, type ResourceTypeKey } from "../operations";
import type { CheckResult, RunResults } from "../results/model";
import { ruleIds } from "../rules";
import { schemaRegistry } from "../schemas/registry";
import type { TestCase } from "../checks/types";
import { startReferenceProvider } from "../provider";
import { generateCases } from "./cases/generate";
import { runCases } from "./conformance";
import { provisionEntities, releaseEntities, type HeldEntity } from "./entities";
import { DEFAULT_STATE_PATH, isSelected, type VerifyOptions } from "./options";
import { readContracts, type ContractFile } from "./pact/contracts";
import { runPactVerification } from "./pact/runPact";
import { describeOperation, type Target } from "./target";
import packageJson from "../../package.json";

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
}

async function assertReachable(client: HttpClient, target: Target): Promise<void> {
  const exchange = await client.send({ method: "GET", url: `${target.baseUrl}/` });
  if (!exchange.response) throw new UsageError(`the target ${target.baseUrl} is not reachable: ${exchange.error}`);
}

function selectedCases(options: VerifyOptions): TestCase[] {
  const schemas = schemaRegistry();
  return operations.flatMap((operation) =>
    ruleIds.filter((rule) => isSelected(options, operation.id, rule)).flatMap((rule) => generateCases(schemas, operation, rule, { seed: options.seed, casesPerRule: options.casesPerRule })),
  );
}

function typesToHold(cases: readonly TestCase[]): ResourceTypeKey[] {
  const types = new Set<ResourceTypeKey>();
  for (const testCase of cases) {
    for (const step of testCase.steps) if (step.target?.kind === "entity") types.add(operations.find((operation) => operation.id === step.operationId)!.type);
  }
  return [...types];
}

export async function runVerify(options: VerifyOptions, listener: RunListener = {}): Promise<RunResults> {
  const startedAt = new Date();
  const started = performance.now();
  // The Verifier fetches broker pacts itself; only contracts/ is read up front.
  const contracts: ContractFile[] = options.broker ? [] : readContracts(options.contractsDir);
  const token = options.token;
  const provider = options.baseUrl === undefined ? await startReferenceProvider({ port: 0, host: "127.0.0.1", token }) : undefined;
  const baseUrl = provider?.baseUrl ?? options.baseUrl!;
  const target: Target = {
    baseUrl,
    stateUrl: provider?.stateUrl ?? options.stateUrl ?? `${baseUrl}${DEFAULT_STATE_PATH}`,
    embedded: provider !== undefined,
    token,
    pathOverrides: options.pathOverrides,
  };
  const client = createHttpClient({ timeoutMs: options.timeoutMs });
  let held = new Map<ResourceTypeKey, HeldEntity>();
  try {
    await assertReachable(client, target);
    const cases = selectedCases(options);
    const selectedInteraction = (interaction: ContractFile["interactions"][number]) => isSelected(options, interaction.operationId, interaction.ruleId);
    listener.onStart?.({
      baseUrl,
      embedded: target.embedded,
      seed: options.seed,
      casesPerRule: options.casesPerRule,
      cases: cases.length,
      interactions: contracts.flatMap((contract) => contract.interactions).filter(selectedInteraction).length,
    });
    held = await provisionEntities(client, target, typesToHold(cases), options.fixtures);
    const report = (result: CheckResult) => listener.onCheckFinished?.(result);
    const pact = () =>
      runPactVerification({ contracts, broker: options.broker, isSelected: selectedInteraction, target, fixtures: options.fixtures, timeoutMs: options.timeoutMs }).then((results) => {
        results.forEach(report);
        return results;
      });
    const conformance = () => runCases({ client, target, entities: held, context: { schemas: schemaRegistry() } }, cases, report);
    // With fixtures both parts would write to the same entities, so they take turns;
    // with a state URL each part has entities of its own and they run side by side.
    const [pactResults, caseResults] =
      Object.keys(options.fixtures).length > 0 ? [await pact(), await conformance()] : await Promise.all([pact(), conformance()]);

    const finishedAt = new Date();
    const results: RunResults = {
      tool: { name: packageJson.name, version: packageJson.version },
      target: {
        baseUrl,
        embedded: target.embedded,
        stateUrl: target.stateUrl,
        operations: operations
          .filter((operation) => ruleIds.some((rule) => isSelected(options, operation.id, rule)))
          .map((operation) => {
            const entity = held.get(operation.type);
            const source = operation.method === "POST" ? "created" : entity?.source;
            return describeOperation(target, operation, source);
          }),
      },
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      durationMs: Math.round(performance.now() - started),
      seed: options.seed,
      casesPerRule: options.casesPerRule,
      checks: [...pactResults, ...caseResults],
    };
    return results;
  } finally {
    await releaseEntities(client, target, held.values());
    await provider?.close();
  }
}
