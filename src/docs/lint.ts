import fs from "node:fs";
import { catalog } from "../catalog";
import { sortFindings, type Finding } from "./findings";
import type { DocPage, TextAt } from "./model";
import { pageTarget } from "./pageTarget";
import { cannotRead } from "./readError";
import { notADocPage, parsePage } from "./parsePage";
import { crossPageRules, pageRules } from "./rules";
import type { PageContext } from "./rules/context";
import { applySuppressions, type IgnoreEntry } from "./suppressions";

export type { IgnoreEntry };

export interface PageInput {
  /** The page as shown in findings. */
  path: string;
  absolutePath: string;
}

/** A file that could not be linted at all: unreadable, or not a doc page. */
export interface UnusableInput {
  page: string;
  message: string;
}

export interface LintOptions {
  /** The config file's `lintDocs.ignore` list: findings of a code on pages a glob matches are dropped. */
  ignore?: readonly IgnoreEntry[];
}

export interface LintResult {
  findings: Finding[];
  unusable: UnusableInput[];
  pagesLinted: number;
  /** Findings silenced by page-annotation suppressions or the ignore list. */
  suppressed: number;
}

function readPage(input: PageInput): DocPage | UnusableInput {
  let source: string;
  try {
    source = fs.readFileSync(input.absolutePath, "utf8");
  } catch (error) {
    return { page: input.path, message: cannotRead(error) };
  }
  if (source.includes("\u0000")) return { page: input.path, message: "not a doc page: a binary file" };
  const page = parsePage(source, input.path, input.absolutePath);
  const problem = notADocPage(page);
  return problem ? { page: input.path, message: problem } : page;
}

/**
 * What linting one share of the pages gives, as plain data (a worker thread sends
 * it back): the page rules' findings with the page's suppressions applied, and for
 * each cross-page rule the pages' digests, in page order.
 */
export interface ShareResult {
  findings: Finding[];
  suppressed: number;
  unusable: UnusableInput[];
  pagesLinted: number;
  digests: Record<string, unknown[]>;
  suppressions: [string, TextAt[]][];
}

/**
 * Lints pages one at a time: each is linted as it is added and then let go, so
 * memory does not grow with the pages' text; only findings, the cross-page rules'
 * digests and pages' suppression lists are kept.
 */
function shareRun(options: LintOptions) {
  const { schemas: registry, model } = catalog();
  // The catalog model's navigator: the same reading of the schemas as the runner's.
  const navigator = model.navigator;
  const ignore = options.ignore ?? [];
  const share: ShareResult = { findings: [], suppressed: 0, unusable: [], pagesLinted: 0, digests: {}, suppressions: [] };
  for (const name of Object.keys(crossPageRules)) share.digests[name] = [];
  return {
    share,
    add(page: DocPage) {
      const context: PageContext = { page, target: pageTarget(page), registry, navigator };
      const pageSuppressions = page.pageAnnotation?.suppressions ?? [];
      if (pageSuppressions.length > 0) share.suppressions.push([page.path, [...pageSuppressions]]);
      const result = applySuppressions(Object.values(pageRules).flatMap((rule) => rule(context)), pageSuppressions, ignore);
      share.findings.push(...result.kept);
      share.suppressed += result.suppressed;
      for (const [name, rule] of Object.entries(crossPageRules)) share.digests[name].push(rule.digest(page));
      share.pagesLinted++;
    },
  };
}

/** Lints the pages of one share from their files; files that cannot be read or are not doc pages are kept as unusable. */
export function lintShare(inputs: Iterable<PageInput>, options: LintOptions = {}): ShareResult {
  const run = shareRun(options);
  for (const input of inputs) {
    const read = readPage(input);
    if ("message" in read) run.share.unusable.push(read);
    else run.add(read);
  }
  return run.share;
}

/** The shares of one run, in page order, put together: the cross-page rules run over every page's digest. */
export function combineShares(shares: readonly ShareResult[], options: LintOptions = {}): LintResult {
  const ignore = options.ignore ?? [];
  const suppressionsByPage = new Map(shares.flatMap((share) => share.suppressions));
  const findings = shares.flatMap((share) => share.findings);
  let suppressed = shares.reduce((sum, share) => sum + share.suppressed, 0);
  for (const [name, rule] of Object.entries(crossPageRules)) {
    const check = rule.check();
    for (const share of shares) for (const digest of share.digests[name]) check.collect(digest);
    // A cross-page finding is silenced by the suppressions of the page it is on.
    for (const item of check.findings()) {
      const result = applySuppressions([item], suppressionsByPage.get(item.page) ?? [], ignore);
      findings.push(...result.kept);
      suppressed += result.suppressed;
    }
  }
  return {
    findings: sortFindings(findings),
    suppressed,
    unusable: shares.flatMap((share) => share.unusable),
    pagesLinted: shares.reduce((sum, share) => sum + share.pagesLinted, 0),
  };
}

/** Runs every page rule on each parsed page and the cross-page rules over all of them, findings sorted. */
export function lintParsedPages(pages: Iterable<DocPage>, options: LintOptions = {}): Finding[] {
  const run = shareRun(options);
  for (const page of pages) run.add(page);
  return combineShares([run.share], options).findings;
}

/**
 * Lints doc pages from files, one at a time (read, lint, let go). Files that cannot
 * be read or are not doc pages are returned as unusable, and the others are still
 * linted.
 */
export function lintPages(inputs: Iterable<PageInput>, options: LintOptions = {}): LintResult {
  return combineShares([lintShare(inputs, options)], options);
}
