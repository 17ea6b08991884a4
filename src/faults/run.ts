import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { main } from "../cli";
import type { RunResults } from "../results/model";
import { ruleIds, type RuleId } from "../rules";
import { faults } from "./faults";
import { startEntry } from "./servers";
import type { CatalogueEntry, Fault, Variant } from "./types";
import { variants } from "./variants";

/**
 * Runs the real `verify` command (the CLI's entry, in this process) against every server
 * of the catalogue and judges the outcome: a fault must be failed under every rule
 * it breaks, a variant must pass.
 */

export interface RunSettings {
  /** Fixed, so a table can be reproduced. */
  seed: number;
  /** `--cases`: generated cases per rule and operation. */
  cases: number;
  /** How many `verify` runs go on at once. */
  concurrency: number;
  /**
   * Verify a fault only under the rules it breaks (`--only`), which is all its
   * verdict needs; the table of a full run also shows every other rule that fails it.
   */
  onlyBrokenRules: boolean;
}

// Two cases per rule is the fewest that sends both spellings of @odata.type (with and without '#') in P5.
export const DEFAULT_RUN_SETTINGS: Readonly<RunSettings> = { seed: 20260601, cases: 2, concurrency: 3, onlyBrokenRules: false };

/** The control row: the reference provider itself must pass, or no variant's result means anything. */
export const referenceControl: Variant = {
  name: "reference",
  allowedBy: "rules.md (the reference implementation)",
  description: "the reference provider, unchanged",
  provider: {},
};

/** A check `verify` failed, as results.json has it. */
export interface FailedCheck {
  ruleId?: RuleId;
  name: string;
  message?: string;
}

export interface VerifyOutcome {
  exitCode: number;
  failed: FailedCheck[];
  /** Set when the run gave no results to judge: exit 2, a crash, no results.json. */
  problem?: string;
}

export type FaultVerdict = "caught" | "caught under other rules" | "missed" | "no result";

export interface FaultOutcome {
  fault: Fault;
  verdict: FaultVerdict;
  /** The rules of the failed checks, in rules.md order. */
  caughtBy: RuleId[];
  outcome: VerifyOutcome;
}

export interface VariantOutcome {
  variant: Variant;
  passed: boolean;
  outcome: VerifyOutcome;
}

export interface CatalogueRun {
  settings: RunSettings;
  faults: FaultOutcome[];
  variants: VariantOutcome[];
  durationMs: number;
}

/** The token verify sends to a server that lets any bearer token in. */
const ANY_TOKEN = "faults-any-token";

/** `graph-conformance verify …` through the CLI's own entry, in this process: its exit status and what it wrote to stderr. */
async function runVerifyCommand(args: readonly string[], token: string): Promise<{ exitCode: number; stderr: string }> {
  const stdout = new PassThrough().resume();
  const stderr = new PassThrough();
  let stderrText = "";
  stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderrText += chunk;
  });
  // Through the environment, as a user would pass it: never on a command line.
  const env = { ...process.env, GRAPH_CONFORMANCE_TOKEN: token };
  const exitCode = await main(["node", "graph-conformance", ...args], { stdout, stderr, env });
  return { exitCode, stderr: stderrText };
}

function lastLine(text: string): string {
  return text.trim().split("\n").at(-1) ?? "";
}

/** Starts the entry's server, runs `verify` against it with a fresh report dir, and reads its results.json. */
export async function verifyEntry(entry: CatalogueEntry, settings: RunSettings, only: readonly RuleId[] = []): Promise<VerifyOutcome> {
  const server = await startEntry(entry);
  const reportDir = await mkdtemp(path.join(tmpdir(), `graph-conformance-fault-${entry.name}-`));
  try {
    const args = ["verify", "--base-url", server.baseUrl, "--report-dir", reportDir, "--seed", String(settings.seed), "--cases", String(settings.cases), ...(only.length > 0 ? ["--only", only.join(",")] : [])];
    const { exitCode, stderr } = await runVerifyCommand(args, entry.provider.token ?? ANY_TOKEN);
    if (exitCode !== 0 && exitCode !== 1) return { exitCode, failed: [], problem: `verify exited ${exitCode}: ${lastLine(stderr)}` };
    let results: RunResults;
    try {
      results = JSON.parse(await readFile(path.join(reportDir, "results.json"), "utf8")) as RunResults;
    } catch (error) {
      return { exitCode, failed: [], problem: `no readable results.json (${(error as Error).message})` };
    }
    const failed = results.checks.filter((check) => check.status === "failed").map(({ ruleId, name, message }) => ({ ruleId, name, message }));
    return { exitCode, failed, ...(results.incomplete ? { problem: `the run is incomplete: ${results.incomplete}` } : {}) };
  } finally {
    await server.close();
    await rm(reportDir, { recursive: true, force: true });
  }
}

export function rulesOf(failed: readonly FailedCheck[]): RuleId[] {
  const rules = new Set(failed.flatMap((check) => (check.ruleId ? [check.ruleId] : [])));
  return ruleIds.filter((rule) => rules.has(rule));
}

export function judgeFault(fault: Fault, outcome: VerifyOutcome): FaultOutcome {
  const caughtBy = rulesOf(outcome.failed);
  let verdict: FaultVerdict;
  if (outcome.problem) verdict = "no result";
  else if (outcome.exitCode === 0) verdict = "missed";
  else verdict = fault.breaks.every((rule) => caughtBy.includes(rule)) ? "caught" : "caught under other rules";
  return { fault, verdict, caughtBy, outcome };
}

export function judgeVariant(variant: Variant, outcome: VerifyOutcome): VariantOutcome {
  return { variant, passed: outcome.exitCode === 0 && !outcome.problem, outcome };
}

/** Runs `work` over `items` with at most `limit` at a time; results in the items' order. */
async function pooled<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index]);
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

export interface CatalogueSelection {
  faults: readonly Fault[];
  variants: readonly Variant[];
}

/** The whole catalogue, the reference control first among the variants. */
export const wholeCatalogue: CatalogueSelection = { faults, variants: [referenceControl, ...variants] };

/**
 * Verifies every selected server, `settings.concurrency` at a time; `onResult` hears
 * of each as it finishes (for a progress line).
 */
export async function runCatalogue(
  selection: CatalogueSelection,
  settings: RunSettings,
  onResult: (result: FaultOutcome | VariantOutcome) => void = () => undefined,
): Promise<CatalogueRun> {
  const started = performance.now();
  type Job = { kind: "fault"; fault: Fault } | { kind: "variant"; variant: Variant };
  const jobs: Job[] = [...selection.faults.map((fault) => ({ kind: "fault" as const, fault })), ...selection.variants.map((variant) => ({ kind: "variant" as const, variant }))];
  const results = await pooled(jobs, settings.concurrency, async (job) => {
    const result =
      job.kind === "fault"
        ? judgeFault(job.fault, await verifyEntry(job.fault, settings, settings.onlyBrokenRules ? job.fault.breaks : []))
        : judgeVariant(job.variant, await verifyEntry(job.variant, settings));
    onResult(result);
    return result;
  });
  return {
    settings,
    faults: results.filter((result): result is FaultOutcome => "fault" in result),
    variants: results.filter((result): result is VariantOutcome => "variant" in result),
    durationMs: performance.now() - started,
  };
}

/** Whether the suite has shown its power: every fault caught under its rules, every variant passed. */
export function catalogueHolds(run: CatalogueRun): boolean {
  return run.faults.every((result) => result.verdict === "caught") && run.variants.every((result) => result.passed);
}
