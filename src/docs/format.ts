import type { Finding } from "./findings";
import { formatSarif, type SarifTool } from "./formatSarif";

/** The output formats of lint-docs. */
export const lintFormats = ["text", "json", "sarif", "github"] as const;
export type LintFormat = (typeof lintFormats)[number];

export function isLintFormat(value: string): value is LintFormat {
  return (lintFormats as readonly string[]).includes(value);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** The closing count line: findings, errors, warnings, pages, and those suppressed when any were. */
function countLine(findings: readonly Finding[], pagesLinted: number, suppressed: number): string {
  const errors = findings.filter((item) => item.severity === "error").length;
  const warnings = findings.length - errors;
  const silenced = suppressed > 0 ? `; ${suppressed} suppressed` : "";
  return `${plural(findings.length, "finding")} (${plural(errors, "error")}, ${plural(warnings, "warning")}) in ${plural(pagesLinted, "page")}${silenced}`;
}

/** `page:line  severity  code  message` per finding, then a count line. */
export function formatText(findings: readonly Finding[], pagesLinted: number, suppressed = 0): string {
  const lines = findings.map((item) => `${item.page}:${item.line}  ${item.severity}  ${item.code}  ${item.message}`);
  lines.push(countLine(findings, pagesLinted, suppressed));
  return lines.join("\n") + "\n";
}

/** An array of `{page, line, code, severity, message}`, in the order given (sorted by page, then line). */
export function formatJson(findings: readonly Finding[]): string {
  return JSON.stringify(
    findings.map(({ page, line, code, severity, message }) => ({ page, line, code, severity, message })),
    null,
    2,
  ) + "\n";
}

/** Workflow-command escaping: the message may not break the line; a property may not hold `,` or `:` either. */
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/**
 * GitHub Actions workflow annotations, `::error file=…,line=…,title=…::message` (or
 * `::warning`), one per finding, then the count line as plain log text.
 */
export function formatGithub(findings: readonly Finding[], pagesLinted: number, suppressed = 0): string {
  const lines = findings.map(
    (item) =>
      `::${item.severity} file=${escapeProperty(item.page.replace(/\\/g, "/"))},line=${item.line},title=${escapeProperty(item.code)}::${escapeData(item.message)}`,
  );
  lines.push(countLine(findings, pagesLinted, suppressed));
  return lines.join("\n") + "\n";
}

export interface RenderedRun {
  findings: readonly Finding[];
  pagesLinted: number;
  suppressed: number;
}

/** A lint run's findings in one of the output formats. */
export function renderFindings(format: LintFormat, run: RenderedRun, tool: SarifTool): string {
  switch (format) {
    case "json":
      return formatJson(run.findings);
    case "sarif":
      return formatSarif(run.findings, tool);
    case "github":
      return formatGithub(run.findings, run.pagesLinted, run.suppressed);
    case "text":
      return formatText(run.findings, run.pagesLinted, run.suppressed);
  }
}
