import type { CatalogueRun, FailedCheck, FaultOutcome, VariantOutcome } from "./run";

/**
 * The catalogue run as Markdown: one table for the faults (caught or missed, under
 * which rules), one for the variants (passed, or the false failures). The same
 * text is printed by `npm run faults` and kept in the README.
 */

/** A table cell: one line, no pipe that would split it. */
function cell(text: string): string {
  return text.replace(/\s+/g, " ").replace(/\|/g, "\\|").trim();
}

function faultRow({ fault, verdict, caughtBy, outcome }: FaultOutcome): string {
  const mark = verdict === "caught" ? "✓ caught" : `✗ ${verdict}`;
  const under = outcome.problem ?? (caughtBy.length > 0 ? caughtBy.join(", ") : "—");
  return `| \`${fault.name}\` | ${cell(fault.description)} | ${fault.breaks.join(", ")} | ${mark} | ${cell(under)} |`;
}

function describeFailure(check: FailedCheck): string {
  return `${check.ruleId ?? "?"} ${check.name}${check.message ? `: ${check.message}` : ""}`;
}

/** At most this many false failures are spelled out per variant; the rest are counted. */
const FAILURES_SHOWN = 3;

function variantRow({ variant, passed, outcome }: VariantOutcome): string {
  let result = "✓ passed";
  if (!passed) {
    const shown = outcome.failed.slice(0, FAILURES_SHOWN).map(describeFailure);
    const more = outcome.failed.length > FAILURES_SHOWN ? [`… and ${outcome.failed.length - FAILURES_SHOWN} more`] : [];
    result = `✗ ${outcome.problem ?? "failed"}${shown.length > 0 ? `: ${[...shown, ...more].join("; ")}` : ""}`;
  }
  return `| \`${variant.name}\` | ${cell(variant.description)} | ${cell(variant.allowedBy)} | ${cell(result)} |`;
}

export function catalogueTable(run: CatalogueRun): string {
  const caught = run.faults.filter((result) => result.verdict === "caught").length;
  const passed = run.variants.filter((result) => result.passed).length;
  return [
    `Faults caught under the rule they break: ${caught} of ${run.faults.length}. Allowed variants passed: ${passed} of ${run.variants.length}.`,
    `(verify --seed ${run.settings.seed} --cases ${run.settings.cases} against each server${run.settings.onlyBrokenRules ? ", each fault only under the rules it breaks" : ""})`,
    "",
    "| fault | what the server does | breaks | verdict | failed checks' rules |",
    "|---|---|---|---|---|",
    ...run.faults.map(faultRow),
    "",
    "| variant | what the server does | allowed by | verdict |",
    "|---|---|---|---|",
    ...run.variants.map(variantRow),
  ].join("\n");
}
