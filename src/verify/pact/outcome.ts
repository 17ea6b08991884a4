import { PACT_CHECK_ID, type CheckResult, type Exchange } from "../../results/model";
import type { ContractInteraction } from "./contracts";
import { matchOperationPath } from "./contracts";
import type { PactRunOutcome, TaggedExchange } from "./protocol";

/**
 * Turns the Pact core's JSON report into one CheckResult per interaction (source
 * "pact"). The report lists `interactionResults` (description, result "OK" or
 * not, duration) in the order the interactions ran, and `errors` whose
 * `interaction` ends with ` - <description>` and carry the mismatches. The k-th
 * request the front sent on belongs to the k-th interaction that ran; it is
 * attached only when its method and path are those of that interaction.
 */

interface CoreMismatch {
  type?: string;
  mismatch?: string;
  message?: string;
  expected?: unknown;
  actual?: unknown;
  path?: string;
}

interface CoreError {
  interaction?: string;
  mismatch?: { type?: string; message?: string; mismatches?: CoreMismatch[] };
}

/** The native core's JSON verification report (`pactffi_verifier_json`), local and broker pacts alike. */
export interface CoreReport {
  interactionResults?: { description?: string; result?: string; duration?: string }[];
  errors?: CoreError[];
  /** Failures of pending pacts (`--enable-pending`): reported, not failing the provider. */
  pendingErrors?: CoreError[];
}

const ANSI = /\u001b\[[0-9;]*m/g;

function plain(text: string): string {
  return text.replace(ANSI, "");
}

export function parseReport(report: string): CoreReport | undefined {
  try {
    const parsed = JSON.parse(report) as CoreReport;
    return Array.isArray(parsed.interactionResults) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function durationOf(duration: string | undefined): number {
  const match = /^([\d.]+)(ms|s)$/.exec(duration ?? "");
  if (!match) return 0;
  return Math.round(Number(match[1]) * (match[2] === "s" ? 1000 : 1));
}

function mismatchText(mismatch: CoreMismatch): string {
  const text = mismatch.mismatch ?? mismatch.message ?? mismatch.type ?? "mismatch";
  return plain(mismatch.path && !text.includes(mismatch.path) ? `${mismatch.path}: ${text}` : text);
}

function ofInteraction(error: CoreError, description: string): boolean {
  return error.interaction === description || error.interaction?.endsWith(` - ${description}`) === true;
}

/**
 * When a pact cannot be used at all (unreadable, not a pact, a broker that
 * refuses), the core still answers with a JSON report, holding an error such as
 * "Failed to load pact" that belongs to no interaction. Its text.
 */
export function pactLoadFailure(report: CoreReport, interactions: readonly ContractInteraction[]): string | undefined {
  const failure = (report.errors ?? []).find((error) => !interactions.some(({ description }) => ofInteraction(error, description)));
  return failure === undefined ? undefined : `${failure.interaction ?? "the Pact verifier failed"}: ${plain(failure.mismatch?.message ?? "no reason given")}`;
}

function failureOf(report: CoreReport, description: string): { message: string; expected?: unknown; actual?: unknown } {
  const errors = (report.errors ?? []).filter((error) => ofInteraction(error, description));
  const mismatches = errors.flatMap((error) => error.mismatch?.mismatches ?? []);
  const messages = [...mismatches.map(mismatchText), ...errors.filter((error) => error.mismatch?.message).map((error) => plain(error.mismatch!.message!))];
  const first = mismatches[0];
  return {
    message: messages.length > 0 ? messages.join("; ") : "the Pact verifier reported a mismatch without details",
    ...(first?.expected === undefined ? {} : { expected: first.expected }),
    ...(first?.actual === undefined ? {} : { actual: first.actual }),
  };
}

/**
 * The exchange of an interaction: the one whose request carries the interaction's
 * tag. A broker's pacts are not read before the run, so their interactions have no
 * tag; the core runs them in the order it reports them, and the exchange at the
 * same place is theirs when its method and operation agree.
 */
function exchangeOf(run: PactRunOutcome, interaction: ContractInteraction, index: number, taken: Set<TaggedExchange>): Exchange[] {
  if (interaction.tag !== undefined) {
    const tagged = run.exchanges.find((candidate) => candidate.tag === interaction.tag && !taken.has(candidate));
    if (!tagged) return [];
    taken.add(tagged);
    return [tagged.exchange];
  }
  const exchange = run.exchanges[index]?.exchange;
  if (!exchange || exchange.request.method !== interaction.method) return [];
  return matchOperationPath(interaction.method, interaction.path)?.operation.id === interaction.operationId ? [exchange] : [];
}

function stateNote(run: PactRunOutcome, interaction: ContractInteraction): string | undefined {
  const ids = new Set(interaction.providerStates.map((state) => String(state.params.id ?? "")));
  const problems = run.stateProblems.filter((problem) => problem.action === "setup" && ids.has(problem.id));
  return problems.length === 0 ? undefined : `provider state "${problems[0].state}" could not be set up (${problems[0].problem})`;
}

/**
 * The results of one contract file's verification. `selected` are the
 * interactions the run meant to verify; one the core did not report is skipped.
 */
/** The id of a Pact interaction's check: its description, unique within the contracts. */
export function pactCheckId(description: string): string {
  return `pact/${description}`;
}

export function pactResults(run: PactRunOutcome, selected: readonly ContractInteraction[]): CheckResult[] {
  const report = run.report === undefined ? undefined : parseReport(run.report);
  if (!report) {
    throw new Error(`the Pact verifier could not verify ${run.file}: ${run.error ?? "its report is not JSON"}`);
  }
  const loadFailure = pactLoadFailure(report, selected);
  if (loadFailure !== undefined) throw new Error(`the Pact verifier could not verify ${run.file}: ${loadFailure}`);
  const pending = [...selected];
  const taken = new Set<TaggedExchange>();
  const results: CheckResult[] = [];
  (report.interactionResults ?? []).forEach((entry, index) => {
    const at = pending.findIndex((interaction) => interaction.description === entry.description);
    if (at < 0) return;
    const [interaction] = pending.splice(at, 1);
    const result: CheckResult = {
      id: pactCheckId(interaction.description),
      source: "pact",
      operationId: interaction.operationId,
      ...(interaction.ruleId ? { ruleId: interaction.ruleId } : {}),
      name: interaction.what,
      status: entry.result === "OK" ? "passed" : "failed",
      exchanges: exchangeOf(run, interaction, index, taken),
      durationMs: durationOf(entry.duration),
    };
    if (result.status === "failed") {
      const failure = failureOf(report, interaction.description);
      const note = stateNote(run, interaction);
      Object.assign(result, failure, note ? { message: `${note}; ${failure.message}` } : {});
      result.failures = [{ checkId: PACT_CHECK_ID, message: result.message! }];
    }
    results.push(result);
  });
  for (const interaction of pending) {
    results.push({
      id: pactCheckId(interaction.description),
      source: "pact",
      operationId: interaction.operationId,
      ...(interaction.ruleId ? { ruleId: interaction.ruleId } : {}),
      name: interaction.what,
      status: "skipped",
      message: "the Pact verifier did not report this interaction",
      exchanges: [],
      durationMs: 0,
    });
  }
  return results;
}
