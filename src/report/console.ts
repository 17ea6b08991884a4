import { operations } from "../catalog";
import { outcomeOf, summarize, type BaselineEntry, type BaselineOutcome, type CheckOutcome, type CheckResult, type RunResults, type RunSummary } from "../results/model";
import { formatTrace, formatValue } from "./exchangeText";
import { reportScrubber, type Scrub } from "./secrets";
import { addTo, checkLabel, emptyTally, shownFamilies, tallyByOperation, tallyCount, tallyTotals, type RuleFamily, type Tally } from "./tally";

export interface RunObserver {
  onCheckFinished(result: CheckResult): void;
}

export interface ConsoleReporter extends RunObserver {
  printSummary(results: RunResults): void;
}

export interface ConsoleReporterOptions {
  /** A terminal: one updating progress line and colour. Otherwise (CI, a pipe) one plain line per check. */
  tty: boolean;
  /** Strings never to print (the token), masked as a last defence. */
  secrets?: readonly string[];
}

const STATUS_MARK: Record<CheckOutcome, string> = { passed: "✓", failed: "✗", skipped: "-", accepted: "≈" };
/** The live lines' operation column: as wide as the catalog's longest operation id. */
function operationWidth(): number {
  return Math.max(...operations().map((operation) => operation.id.length));
}
const LABEL_WIDTH = "Pact E12".length;
// Bodies in the failure list are cut here; the HTML report and junit.xml hold them whole.
const CONSOLE_BODY_LIMIT = 400;

const ansi = {
  green: (text: string) => `\x1b[32m${text}\x1b[39m`,
  red: (text: string) => `\x1b[31m${text}\x1b[39m`,
  yellow: (text: string) => `\x1b[33m${text}\x1b[39m`,
  bold: (text: string) => `\x1b[1m${text}\x1b[22m`,
  clearLine: "\r\x1b[2K",
};

// Server-provided text can hold escape sequences that would drive the terminal;
// control characters are shown as code points instead. Line breaks become spaces:
// every console entry is one line.
function printable(text: string): string {
  return text
    .replace(/\r?\n/g, " ")
    .replace(/[\u0000-\u001F\u007F-\u009F]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function cut(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit)}… (${text.length - limit} more characters in the reports)` : text;
}

// One line per value on a console; the reports pretty-print it.
function compactValue(value: unknown): string {
  return cut(typeof value === "string" || value === undefined ? formatValue(value) : (JSON.stringify(value) ?? String(value)), CONSOLE_BODY_LIMIT);
}

/** The one-line form of a finished check, as printed live in CI. */
export function checkLine(check: CheckResult): string {
  const head = `${STATUS_MARK[outcomeOf(check)]} ${check.operationId.padEnd(operationWidth())}  ${checkLabel(check).padEnd(LABEL_WIDTH)}  ${check.name}`;
  if (check.accepted) return printable(`${head} (accepted by the baseline: ${check.accepted.reason || "no reason given"})`);
  if (check.status === "failed") return printable(check.message ? `${head} — ${check.message}` : head);
  if (check.status === "skipped") return printable(`${head} (skipped${check.message ? `: ${check.message}` : ""})`);
  return printable(head);
}

function tallyCell(tally: Tally): string {
  if (tallyCount(tally) === 0) return "·";
  const parts = [`✓${tally.passed}`];
  if (tally.failed > 0) parts.push(`✗${tally.failed}`);
  if (tally.skipped > 0) parts.push(`-${tally.skipped}`);
  if (tally.accepted > 0) parts.push(`≈${tally.accepted}`);
  return parts.join(" ");
}

const FAMILY_HEADINGS: Record<RuleFamily, string> = { P: "P", E: "E", Pact: "Pact", other: "other" };

/** Operation × rule family, with totals: what `printSummary` shows, without colour. */
export function summaryTable(results: RunResults): string[] {
  const byOperation = tallyByOperation(results);
  const families = shownFamilies(byOperation);
  const totals = tallyTotals(byOperation);
  const header = ["operation", "entity", ...families.map((family) => FAMILY_HEADINGS[family]), "total"];
  const rows = byOperation.map((operation) => [
    `${operation.operationId}${operation.target?.inferredBecause ? " *" : ""}`,
    operation.target?.entitySource ?? "",
    ...families.map((family) => tallyCell(operation.families[family])),
    tallyCell(operation.total),
  ]);
  const totalRow = ["total", "", ...families.map((family) => tallyCell(totals.families[family])), tallyCell(totals.total)];
  const widths = header.map((_, column) => Math.max(...[header, ...rows, totalRow].map((row) => row[column].length)));
  const format = (row: string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]))
      .join("  ")
      .trimEnd();
  const rule = widths.map((width) => "─".repeat(width)).join("  ");
  return [format(header), rule, ...rows.map(format), rule, format(totalRow)].map((line) => printable(line));
}

function failureBlock(check: CheckResult): string[] {
  const lines = [checkLine(check), `    ${printable(`check id: ${check.id}`)}`];
  if (check.expected !== undefined || check.actual !== undefined) {
    lines.push(`    ${printable(`expected: ${compactValue(check.expected)}`)}`);
    lines.push(`    ${printable(`received: ${compactValue(check.actual)}`)}`);
  }
  const last = check.exchanges.at(-1);
  if (last) {
    const sent = `sent: ${last.request.method} ${last.request.url}${last.request.body !== undefined ? ` ${cut(last.request.body, CONSOLE_BODY_LIMIT)}` : ""}`;
    lines.push(`    ${printable(sent)}`);
    const back = last.response
      ? `came back: HTTP ${last.response.status} ${cut(last.response.body, CONSOLE_BODY_LIMIT)}`
      : `came back: nothing (${last.error ?? "transport failure"})`;
    lines.push(`    ${printable(back)}`);
    const trace = formatTrace(last);
    if (trace) lines.push(`    ${printable(`in the target's logs: ${trace}`)}`);
  }
  return lines;
}

function skipReasons(checks: readonly CheckResult[]): string[] {
  const counts = new Map<string, number>();
  for (const check of checks) {
    if (check.status !== "skipped") continue;
    const reason = check.message ?? "no reason given";
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts].map(([reason, count]) => printable(`  ${count} × ${reason}`));
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function entryLine(entry: BaselineEntry): string {
  return printable(`  ${entry.operationId} ${entry.ruleId ?? "(no rule)"}${entry.checkId ? ` ${entry.checkId}` : ""}${entry.expires ? ` (expires ${entry.expires})` : ""}${entry.reason ? ` — ${entry.reason}` : ""}`);
}

function baselineLines(baseline: BaselineOutcome, summary: RunSummary): string[] {
  const lines = [printable(`Baseline ${baseline.file}: ${summary.accepted} failure(s) accepted, ${summary.failed} new`)];
  if (baseline.expired.length > 0) lines.push(`Expired entries, their failures fail again (${baseline.expired.length})`, ...baseline.expired.map(entryLine));
  if (baseline.stale.length > 0) lines.push(`Stale entries, no longer failing: remove them (${baseline.stale.length})`, ...baseline.stale.map(entryLine));
  return lines;
}

/** Everything `printSummary` prints, as lines without colour. */
export function summaryLines(results: RunResults): string[] {
  const summary = summarize(results.checks);
  const failed = results.checks.filter((check) => check.status === "failed" && !check.accepted);
  const lines: string[] = [];
  if (failed.length > 0) {
    lines.push("", `Failures (${failed.length})`);
    for (const check of failed) lines.push(...failureBlock(check));
  }
  if (results.baseline) lines.push("", ...baselineLines(results.baseline, summary));
  const skipped = skipReasons(results.checks);
  if (skipped.length > 0) lines.push("", `Skipped (${summary.skipped})`, ...skipped);
  lines.push("", ...summaryTable(results), `✓ passed  ✗ failed  - skipped${summary.accepted > 0 ? "  ≈ accepted by the baseline" : ""}`);
  for (const target of results.target.operations) {
    if (target.inferredBecause) lines.push(printable(`* ${target.operationId}: path ${target.method} ${target.path} is inferred: ${target.inferredBecause}`));
  }
  lines.push(
    "",
    printable(`target ${results.target.baseUrl}${results.target.embedded ? " (embedded reference provider)" : ""}`),
    `seed ${results.seed} — rerun with --seed ${results.seed} (${results.casesPerRule} cases per rule)`,
  );
  if (results.incomplete !== undefined) lines.push(printable(`INCOMPLETE: ${results.incomplete} — only the checks that finished are counted`));
  const accepted = results.baseline ? `, ${summary.accepted} accepted by the baseline` : "";
  lines.push(`${summary.total} checks: ${summary.passed} passed, ${summary.failed} failed${results.baseline ? " (new)" : ""}, ${summary.skipped} skipped${accepted} in ${seconds(results.durationMs)}`);
  return lines;
}

function colourise(line: string): string {
  return line
    .replace(/^✓/, ansi.green("✓"))
    .replace(/^✗/, ansi.red("✗"))
    .replace(/✗\d+/g, (match) => ansi.red(match))
    .replace(/^INCOMPLETE:/, ansi.yellow("INCOMPLETE:"))
    .replace(/^Failures \(\d+\)$/, (match) => ansi.bold(ansi.red(match)));
}

function terminalColumns(stream: NodeJS.WritableStream): number {
  const columns = (stream as { columns?: unknown }).columns;
  return typeof columns === "number" && columns > 20 ? columns : 100;
}

export function createConsoleReporter(stream: NodeJS.WritableStream, options: ConsoleReporterOptions): ConsoleReporter {
  const scrub: Scrub = reportScrubber(options.secrets ?? []);
  const write = (text: string) => stream.write(scrub(text));
  const counts = emptyTally();
  let progressShown = false;

  const progressLine = (check: CheckResult) => {
    const status = `[${counts.passed} ✓  ${counts.failed} ✗  ${counts.skipped} -]`;
    const current = printable(`${check.operationId}  ${checkLabel(check)}  ${check.name}`);
    // One column short of the width, so the line never wraps and `\r` returns to its start.
    const room = terminalColumns(stream) - status.length - 2;
    const shown = current.length > room ? `${current.slice(0, Math.max(0, room - 1))}…` : current;
    const coloured = status.replace(/\d+ ✓/, (match) => ansi.green(match)).replace(/\d+ ✗/, (match) => (counts.failed > 0 ? ansi.red(match) : match));
    return `${ansi.clearLine}${coloured} ${shown}`;
  };

  return {
    onCheckFinished(check) {
      addTo(counts, check.status);
      if (options.tty) {
        write(progressLine(check));
        progressShown = true;
      } else {
        write(`${checkLine(check)}\n`);
      }
    },
    printSummary(results) {
      if (progressShown) write(ansi.clearLine);
      const lines = summaryLines(results);
      write(`${(options.tty ? lines.map(colourise) : lines).join("\n")}\n`);
    },
  };
}
