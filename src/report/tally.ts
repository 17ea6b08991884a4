import type { OperationId } from "../catalog";
import { outcomeOf, type CheckOutcome, type CheckResult, type OperationTarget, type RunResults } from "../results/model";

/** The columns of the summary tables: our own positive and error rules, and replayed Pact interactions. */
export type RuleFamily = "P" | "E" | "Pact" | "other";

export const ruleFamilies: readonly RuleFamily[] = ["P", "E", "Pact", "other"];

export function ruleFamily(check: CheckResult): RuleFamily {
  if (check.source === "pact") return "Pact";
  if (check.ruleId?.startsWith("P")) return "P";
  if (check.ruleId?.startsWith("E")) return "E";
  return "other";
}

/** How a check is named next to its operation: its rule id, prefixed with `Pact` for interactions. */
export function checkLabel(check: CheckResult): string {
  if (check.source === "pact") return check.ruleId ? `Pact ${check.ruleId}` : "Pact";
  return check.ruleId ?? "-";
}

export type Tally = Record<CheckOutcome, number>;

const OUTCOMES = ["passed", "failed", "skipped", "accepted"] as const;

export function emptyTally(): Tally {
  return { passed: 0, failed: 0, skipped: 0, accepted: 0 };
}

export function addTo(tally: Tally, outcome: CheckOutcome): void {
  tally[outcome] += 1;
}

export interface OperationTally {
  operationId: OperationId;
  /** Absent when a check names an operation the run's target list does not. */
  target?: OperationTarget;
  families: Record<RuleFamily, Tally>;
  total: Tally;
  checks: CheckResult[];
}

function emptyFamilies(): Record<RuleFamily, Tally> {
  return { P: emptyTally(), E: emptyTally(), Pact: emptyTally(), other: emptyTally() };
}

/** Operations in target order (then any others in the order their checks came), each with its counts. */
export function tallyByOperation(results: RunResults): OperationTally[] {
  const byId = new Map<OperationId, OperationTally>();
  const entry = (operationId: OperationId, target?: OperationTarget) => {
    let tally = byId.get(operationId);
    if (!tally) {
      tally = { operationId, target, families: emptyFamilies(), total: emptyTally(), checks: [] };
      byId.set(operationId, tally);
    }
    return tally;
  };
  for (const target of results.target.operations) entry(target.operationId, target);
  for (const check of results.checks) {
    const tally = entry(check.operationId);
    addTo(tally.families[ruleFamily(check)], outcomeOf(check));
    addTo(tally.total, outcomeOf(check));
    tally.checks.push(check);
  }
  return [...byId.values()];
}

export function tallyTotals(operations: readonly OperationTally[]): { families: Record<RuleFamily, Tally>; total: Tally } {
  const families = emptyFamilies();
  const total = emptyTally();
  for (const operation of operations) {
    for (const family of ruleFamilies) {
      for (const outcome of OUTCOMES) families[family][outcome] += operation.families[family][outcome];
    }
    for (const outcome of OUTCOMES) total[outcome] += operation.total[outcome];
  }
  return { families, total };
}

/** The families worth a column: the three fixed ones, plus `other` only when some check has no rule. */
export function shownFamilies(operations: readonly OperationTally[]): RuleFamily[] {
  const hasOther = operations.some((operation) => tallyCount(operation.families.other) > 0);
  return ruleFamilies.filter((family) => family !== "other" || hasOther);
}

export function tallyCount(tally: Tally): number {
  return tally.passed + tally.failed + tally.skipped + tally.accepted;
}
