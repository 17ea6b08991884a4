import type { HttpClient } from "../http/client";
import type { ResourceTypeKey } from "../catalog";
import type { CheckResult, Exchange } from "../results/model";
import { parseResponseBody } from "../checks/body";
import { operationOf } from "../checks/context";
import { judge } from "../checks/registry";
import type { CaseStep, CheckContext, CheckFailure, StepOutcome, TestCase } from "../checks/types";
import type { HeldEntity } from "./entities";
import { operationUrl, type Target } from "./target";
import { isObject } from "../isObject";

/**
 * Carries out test cases: sends each step through the one HTTP client, hands the
 * outcomes to the checks, and turns their failures into one CheckResult per case.
 */

export interface ConformanceEnvironment {
  client: HttpClient;
  target: Target;
  entities: ReadonlyMap<ResourceTypeKey, HeldEntity>;
  context: CheckContext;
  /** The run's stop signal: no further case starts once it aborts. */
  signal?: AbortSignal;
  /** Judges a case's outcomes; default the check registry's `judge`. The run wraps it to time the checks; the benchmark replaces it to time sending alone. */
  judge?: typeof judge;
}

function createdId(outcome: StepOutcome | undefined): string | undefined {
  if (!outcome?.exchange?.response) return undefined;
  const parsed = parseResponseBody(outcome.exchange);
  const id = parsed.ok && isObject(parsed.value) ? parsed.value.id : undefined;
  return typeof id === "string" && id !== "" ? id : undefined;
}

function pathIdOf(step: CaseStep, outcomes: readonly StepOutcome[], entities: ConformanceEnvironment["entities"]): { id?: string; notSent?: string } {
  const target = step.target;
  if (!target) return {};
  if (target.kind === "unknown") return { id: target.id };
  if (target.kind === "created") {
    const id = createdId(outcomes[target.step]);
    return id ? { id } : { notSent: `not sent: step ${target.step + 1} created no entity to PATCH` };
  }
  const entity = entities.get(operationOf(step.operationId).type);
  return entity ? { id: entity.id } : { notSent: "not sent: no entity of this type is held" };
}

function bodyValue(step: CaseStep, value: unknown, pathId: string | undefined): unknown {
  return step.withPathId && pathId !== undefined && isObject(value) ? { ...value, id: pathId } : value;
}

/** The body a step sends, as text: its JSON with the path id filled in where the step carries it, or its raw text. */
export function stepBodyText(step: CaseStep, pathId: string | undefined): string {
  return step.body.kind === "json" ? JSON.stringify(bodyValue(step, step.body.value, pathId)) : step.body.text;
}

async function sendStep(environment: ConformanceEnvironment, step: CaseStep, outcomes: readonly StepOutcome[]): Promise<StepOutcome> {
  const path = pathIdOf(step, outcomes, environment.entities);
  if (path.notSent) return { notSent: path.notSent };
  const operation = operationOf(step.operationId);
  const headers: Record<string, string> = { "Content-Type": step.body.contentType ?? "application/json" };
  // E1's own Authorization values (another scheme, an empty bearer token); the run's token otherwise comes from the client.
  if (!step.authenticate && step.authorization !== undefined) headers.Authorization = step.authorization;
  const exchange = await environment.client.send({
    bearer: step.authenticate,
    method: operation.method,
    url: operationUrl(environment.target, operation, path.id),
    headers,
    body: stepBodyText(step, path.id),
  });
  return { exchange, ...(path.id === undefined ? {} : { pathId: path.id }) };
}

function describeFailures(failures: readonly CheckFailure[]): string {
  const lines = failures.map((failure) => `[${failure.checkId}] ${failure.message}`);
  return lines.length === 1 ? lines[0] : `${lines.length} failures: ${lines.join("; ")}`;
}

export function caseResult(testCase: TestCase, outcomes: readonly StepOutcome[], failures: readonly CheckFailure[], durationMs: number): CheckResult {
  const exchanges = outcomes.flatMap((outcome) => (outcome.exchange ? [outcome.exchange] : [])) as Exchange[];
  const index = testCase.id.split("/").at(-1);
  const result: CheckResult = {
    id: testCase.id,
    source: "conformance",
    operationId: testCase.operationId,
    ruleId: testCase.ruleId,
    name: `case ${index}: ${testCase.title}`,
    status: failures.length === 0 ? "passed" : "failed",
    exchanges,
    durationMs,
  };
  if (failures.length > 0) {
    result.message = describeFailures(failures);
    result.failures = failures.map(({ checkId, message }) => ({ checkId, message }));
    result.expected = failures[0].expected;
    result.actual = failures[0].actual;
  }
  return result;
}

export async function runCase(environment: ConformanceEnvironment, testCase: TestCase): Promise<CheckResult> {
  const started = performance.now();
  const outcomes: StepOutcome[] = [];
  for (const step of testCase.steps) outcomes.push(await sendStep(environment, step, outcomes));
  const failures = (environment.judge ?? judge)(environment.context, testCase, outcomes);
  return caseResult(testCase, outcomes, failures, Math.round(performance.now() - started));
}

/**
 * Cases of one operation run one after the other (they share its entity); the
 * operations run side by side. Results come back in the order of `cases`.
 */
export async function runCases(environment: ConformanceEnvironment, cases: readonly TestCase[], onResult: (result: CheckResult) => void): Promise<CheckResult[]> {
  const results: CheckResult[] = new Array(cases.length);
  const byOperation = new Map<string, number[]>();
  cases.forEach((testCase, index) => byOperation.set(testCase.operationId, [...(byOperation.get(testCase.operationId) ?? []), index]));
  await Promise.all(
    [...byOperation.values()].map(async (indexes) => {
      for (const index of indexes) {
        if (environment.signal?.aborted) return;
        const result = await runCase(environment, cases[index]);
        // A case cut short by the stop is not judged: its missing answers are the runner's doing.
        if (environment.signal?.aborted) return;
        results[index] = result;
        onResult(result);
      }
    }),
  );
  return results.filter((result) => result !== undefined);
}
