import { minimatch } from "minimatch";
import { findingRules, type Finding, type FindingCode, type Severity } from "./findings";
import type { TextAt } from "./model";

/** One entry of a config file's `lintDocs.ignore` list: a finding code (or `*`) on the pages a glob matches. */
export interface IgnoreEntry {
  code: FindingCode | "*";
  /** A glob over the page as shown in findings (`apidocs/*.md`, `**\/reportroot-*.md`). */
  page: string;
}

/** ApiDoctor compares suppressions without whitespace or case (its SuppressionComparer). */
function sanitize(text: string): string {
  return text.replace(/\s+/g, "").toLowerCase();
}

interface PageSuppression {
  severity?: Severity;
  text: string;
}

/**
 * Reads an entry the way ApiDoctor writes one, `Error: /api/page.md:\n  message`:
 * an optional `Error:`/`Warning:` prefix, an optional source (`….md…:`), then the
 * text.
 */
function readSuppression(entry: string): PageSuppression {
  let text = entry.trim();
  const prefix = /^(error|warning)\s*:\s*/i.exec(text);
  const severity = prefix ? (prefix[1].toLowerCase() as Severity) : undefined;
  if (prefix) text = text.slice(prefix[0].length);
  const source = /^\S*\.md\S*?:(?:\s|$)/.exec(text);
  if (source) text = text.slice(source[0].length);
  return { ...(severity ? { severity } : {}), text: text.trim() };
}

function isFindingCode(text: string): text is FindingCode {
  return Object.hasOwn(findingRules, text);
}

/**
 * Whether a page annotation's suppression silences a finding. The entry's text may
 * be one of our codes (`invalid-json`: every such finding on the page), a code and
 * part of the message (`table-example-mismatch: "bodyPreview"`), or the whole
 * message as the linter prints it (ApiDoctor's exact-text form). A severity prefix,
 * when given, must agree. Entries written for ApiDoctor's own messages match none of
 * ours and are left alone.
 */
export function suppresses(entry: string, item: Finding): boolean {
  const suppression = readSuppression(entry);
  if (suppression.severity && suppression.severity !== item.severity) return false;
  if (suppression.text === item.code) return true;
  const coded = /^([a-z-]+)\s*:\s*([\s\S]+)$/.exec(suppression.text);
  if (coded && isFindingCode(coded[1])) return coded[1] === item.code && sanitize(item.message).includes(sanitize(coded[2]));
  return sanitize(suppression.text) === sanitize(item.message);
}

/** Whether a config-file ignore entry covers a finding. */
export function ignores(entry: IgnoreEntry, item: Finding): boolean {
  return (entry.code === "*" || entry.code === item.code) && minimatch(item.page.replace(/\\/g, "/"), entry.page, { dot: true });
}

/** Splits findings into those kept and the number silenced by the page's suppressions or the ignore list. */
export function applySuppressions(
  findings: readonly Finding[],
  pageSuppressions: readonly TextAt[],
  ignore: readonly IgnoreEntry[],
): { kept: Finding[]; suppressed: number } {
  const kept = findings.filter(
    (item) => !pageSuppressions.some((entry) => suppresses(entry.text, item)) && !ignore.some((entry) => ignores(entry, item)),
  );
  return { kept, suppressed: findings.length - kept.length };
}
