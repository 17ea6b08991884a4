import { UsageError } from "../exitCodes";
import { readJsonFile } from "../jsonFile";
import { PACT_CHECK_ID, type BaselineEntry, type BaselineOutcome, type CheckResult, type RunResults } from "../results/model";

/**
 * A baseline of known failures (`--baseline FILE`), so a server that is not yet
 * conformant can gate on "nothing new". Entries are keyed by operation and rule,
 * and optionally check id, never by case id, so a baseline holds across seeds. A
 * failure is accepted when an entry in force covers every check that failed in
 * it; an entry past its `expires` accepts nothing; an entry no failure matched is
 * stale.
 */

export const BASELINE_VERSION = 1;

export interface Baseline {
  file: string;
  entries: BaselineEntry[];
}

export interface BaselineDocument {
  version: number;
  entries: BaselineEntry[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function entryProblem(entry: unknown): string | undefined {
  if (entry === null || typeof entry !== "object" || Array.isArray(entry)) return "is not an object";
  const known = new Set(["operationId", "ruleId", "checkId", "reason", "expires"]);
  const unknown = Object.keys(entry).find((key) => !known.has(key));
  if (unknown) return `has an unknown key "${unknown}"`;
  const { operationId, ruleId, checkId, reason, expires } = entry as Record<string, unknown>;
  if (typeof operationId !== "string" || operationId === "") return "needs an operationId";
  if (ruleId !== undefined && typeof ruleId !== "string") return "has a ruleId that is not a string";
  if (checkId !== undefined && typeof checkId !== "string") return "has a checkId that is not a string";
  if (typeof reason !== "string") return "needs a reason (a string; may be empty)";
  if (expires !== undefined && (typeof expires !== "string" || !DATE.test(expires) || Number.isNaN(Date.parse(expires)))) return `has an expires that is not a date YYYY-MM-DD: ${JSON.stringify(expires)}`;
  return undefined;
}

/** Reads and checks a baseline file; anything wrong is a UsageError (exit 2) naming the file and entry. */
export function readBaseline(file: string): Baseline {
  const { version, entries } = (readJsonFile(file, `--baseline ${file}`) ?? {}) as Partial<BaselineDocument>;
  if (version !== BASELINE_VERSION || !Array.isArray(entries)) throw new UsageError(`--baseline ${file} is not a baseline: it needs "version": ${BASELINE_VERSION} and an "entries" array`);
  entries.forEach((entry, index) => {
    const problem = entryProblem(entry);
    if (problem) throw new UsageError(`--baseline ${file}: entry ${index + 1} ${problem}`);
  });
  return { file, entries };
}

function inForce(entry: BaselineEntry, today: string): boolean {
  return entry.expires === undefined || today <= entry.expires;
}

/** The check ids that failed in a check; a Pact interaction fails as one check. */
function failedChecks(check: CheckResult): string[] {
  return check.failures?.map((failure) => failure.checkId) ?? [PACT_CHECK_ID];
}

function covers(entry: BaselineEntry, check: CheckResult, checkId: string): boolean {
  return entry.operationId === check.operationId && entry.ruleId === check.ruleId && (entry.checkId === undefined || entry.checkId === checkId);
}

/** The entry in force that accepts every failure of this check, if one does (`today` as YYYY-MM-DD). */
export function acceptingEntry(baseline: Baseline, check: CheckResult, today: string): BaselineEntry | undefined {
  if (check.status !== "failed") return undefined;
  const ids = failedChecks(check);
  const entries = baseline.entries.filter((entry) => inForce(entry, today));
  const accepting = entries.find((entry) => ids.every((id) => covers(entry, check, id)));
  if (accepting) return accepting;
  // Several narrower entries (one per check id) may cover the failures between them.
  const eachCovered = ids.every((id) => entries.some((entry) => covers(entry, check, id)));
  return eachCovered ? entries.find((entry) => ids.some((id) => covers(entry, check, id))) : undefined;
}

/** Marks the check accepted, in place, when the baseline covers it. */
export function markAccepted(baseline: Baseline, check: CheckResult, today: string): void {
  const entry = acceptingEntry(baseline, check, today);
  if (entry) check.accepted = { reason: entry.reason };
}

/** After the run: entries that matched no failure (stale) and entries past their date that still match one (expired). */
export function baselineOutcome(baseline: Baseline, checks: readonly CheckResult[], today: string): BaselineOutcome {
  const failed = checks.filter((check) => check.status === "failed");
  const matches = (entry: BaselineEntry) => failed.some((check) => failedChecks(check).some((id) => covers(entry, check, id)));
  return {
    file: baseline.file,
    stale: baseline.entries.filter((entry) => !matches(entry)),
    expired: baseline.entries.filter((entry) => !inForce(entry, today) && matches(entry)),
  };
}

/** `--write-baseline`: one entry per operation, rule and failed check of this run, each with a reason to fill in. */
export function baselineOf(results: RunResults): BaselineDocument {
  const seen = new Set<string>();
  const entries: BaselineEntry[] = [];
  for (const check of results.checks) {
    if (check.status !== "failed") continue;
    for (const checkId of failedChecks(check)) {
      const key = JSON.stringify([check.operationId, check.ruleId, checkId]);
      if (seen.has(key)) continue;
      seen.add(key);
      entries.push({ operationId: check.operationId, ...(check.ruleId ? { ruleId: check.ruleId } : {}), checkId, reason: "" });
    }
  }
  return { version: BASELINE_VERSION, entries };
}

/** Today as YYYY-MM-DD, in UTC. */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
