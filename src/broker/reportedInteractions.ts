/**
 * Pacts fetched from a broker are not on disk, so the runner cannot read their
 * interactions before the run as it does for contracts/. The Verifier's JSON
 * report lists every interaction it verified by description, and our
 * descriptions carry their rule and operation (`<rule> <operation id>: <what>`),
 * which is all the runner needs to name a result.
 */
import { parseDescription } from "../contracts/description";
import { UsageError } from "../exitCodes";
import { brokerFailureKind, describeBrokerFailure } from "./brokerFailure";
import { findOperation } from "../catalog";
import type { CheckResult } from "../results/model";
import type { ContractInteraction } from "../verify/pact/contracts";
import { pactLoadFailure, pactResults, parseReport, type CoreReport } from "../verify/pact/outcome";
import type { PactRunOutcome } from "../verify/pact/protocol";

/** The interactions of a broker verification's report, in the order they ran; [] when there is no report. */
export function reportedInteractions(report: CoreReport | undefined, source: string): ContractInteraction[] {
  return (report?.interactionResults ?? []).map(({ description }) => {
    const label = typeof description === "string" ? parseDescription(description) : undefined;
    if (!label) {
      throw new UsageError(`a pact from ${source} has the interaction ${JSON.stringify(description)}, whose description names no rule and operation ("<rule> <operation id>: …")`);
    }
    const operation = findOperation(label.operationId)!;
    return {
      description: description as string,
      operationId: label.operationId,
      ruleId: label.rule,
      what: label.what,
      method: operation.method,
      path: operation.path,
      providerStates: [],
    };
  });
}

/** Descriptions the core put under `pendingErrors` (pending pacts, --enable-pending), with what went wrong. */
function pendingFailures(report: CoreReport | undefined): Map<string, string> {
  const failures = new Map<string, string>();
  for (const error of report?.pendingErrors ?? []) {
    const texts = [...(error.mismatch?.mismatches ?? []).map((mismatch) => mismatch.mismatch ?? mismatch.message ?? ""), error.mismatch?.message ?? ""].filter(Boolean);
    if (error.interaction) failures.set(error.interaction, texts.join("; ") || "failed");
  }
  return failures;
}

/**
 * The results of one provider's verification of broker pacts: every interaction
 * the core reported, named from its description, kept when --only/--skip select
 * it. A failure in a pending pact is shown as skipped: the broker lets it fail
 * without failing the provider (that is what --enable-pending asks for), and the
 * result posted to the broker still says it failed.
 */
export function brokerPactResults(run: PactRunOutcome, isSelected: (interaction: ContractInteraction) => boolean): CheckResult[] {
  const source = run.file;
  const report = parseReport(run.report ?? "");
  const interactions = reportedInteractions(report, source);
  const loadFailure = report && pactLoadFailure(report, interactions);
  if (loadFailure !== undefined) {
    throw new UsageError(describeBrokerFailure(brokerFailureKind(loadFailure), loadFailure, "", `fetch ${source}`));
  }
  const results = pactResults(run, interactions);
  const pending = pendingFailures(report);
  return results
    .map((result, index) => {
      const description = interactions[index]?.description;
      const failure = description === undefined || result.status !== "failed" ? undefined : [...pending].find(([interaction]) => interaction === description || interaction.endsWith(` - ${description}`));
      return failure ? { ...result, status: "skipped" as const, message: `pending pact, not counted as a failure (--enable-pending): ${failure[1]}` } : result;
    })
    .filter((_result, index) => isSelected(interactions[index]));
}
