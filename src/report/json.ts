import { summarize, traceOf, type CheckResult, type RunResults, type RunSummary } from "../results/model";
import { tallyByOperation, tallyCount, type RuleFamily, type Tally } from "./tally";

/** `results.json`: the results model as it is, plus a summary, keys sorted so two runs diff cleanly. */
export interface ResultsDocument extends RunResults {
  /** A failed check also carries `trace`: per exchange, the headers that find it in the target's logs. */
  checks: (CheckResult & { trace?: string[][] })[];
  summary: RunSummary & {
    incomplete: boolean;
    byOperation: Record<string, { total: Tally; families: Partial<Record<RuleFamily, Tally>> }>;
  };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
    return sorted;
  }
  return value;
}

export function resultsDocument(results: RunResults): ResultsDocument {
  const byOperation: ResultsDocument["summary"]["byOperation"] = {};
  for (const operation of tallyByOperation(results)) {
    const families = Object.fromEntries(
      Object.entries(operation.families).filter(([, tally]) => tallyCount(tally) > 0),
    ) as Partial<Record<RuleFamily, Tally>>;
    byOperation[operation.operationId] = { total: operation.total, families };
  }
  // A failure names where to find each of its exchanges in the target's logs.
  const checks = results.checks.map((check) => (check.status === "failed" ? { ...check, trace: check.exchanges.map(traceOf) } : check));
  return { ...results, checks, summary: { ...summarize(results.checks), incomplete: results.incomplete !== undefined, byOperation } };
}

export function renderJson(results: RunResults): string {
  return `${JSON.stringify(sortKeys(resultsDocument(results)), null, 2)}\n`;
}
