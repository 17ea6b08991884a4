import fs from "node:fs";
import { schemaRegistry } from "../schemas/registry";
import { sortFindings, type Finding } from "./findings";
import type { DocPage, TextAt } from "./model";
import { pageTarget } from "./pageTarget";
import { cannotRead } from "./readError";
import { notADocPage, parsePage } from "./parsePage";
import { crossPageRules, pageRules } from "./rules";
import type { PageContext } from "./rules/context";
import { SchemaNavigator } from "./schemaNavigator";
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
 * One lint run: each page is linted as it is added and then let go, so memory does
 * not grow with the pages' text; only findings, the cross-page checks' indexes and
 * pages' suppression lists are kept until `finish`.
 */
function lintRun(options: LintOptions) {
  const registry = schemaRegistry();
  const navigator = new SchemaNavigator(registry);
  const ignore = options.ignore ?? [];
  const crossPage = Object.values(crossPageRules).map((rule) => rule());
  const suppressionsByPage = new Map<string, readonly TextAt[]>();
  const findings: Finding[] = [];
  let suppressed = 0;

  const keep = (pageFindings: readonly Finding[], pageSuppressions: readonly TextAt[]) => {
    const result = applySuppressions(pageFindings, pageSuppressions, ignore);
    findings.push(...result.kept);
    suppressed += result.suppressed;
  };

  return {
    add(page: DocPage) {
      const context: PageContext = { page, target: pageTarget(page), registry, navigator };
      const pageSuppressions = page.pageAnnotation?.suppressions ?? [];
      if (pageSuppressions.length > 0) suppressionsByPage.set(page.path, pageSuppressions);
      keep(Object.values(pageRules).flatMap((rule) => rule(context)), pageSuppressions);
      for (const check of crossPage) check.collect(page);
    },
    finish(): { findings: Finding[]; suppressed: number } {
      for (const check of crossPage) {
        for (const item of check.findings()) keep([item], suppressionsByPage.get(item.page) ?? []);
      }
      return { findings: sortFindings(findings), suppressed };
    },
  };
}

/** Runs every page rule on each parsed page and the cross-page rules over all of them, findings sorted. */
export function lintParsedPages(pages: Iterable<DocPage>, options: LintOptions = {}): Finding[] {
  const run = lintRun(options);
  for (const page of pages) run.add(page);
  return run.finish().findings;
}

/**
 * Lints doc pages from files, one at a time (read, lint, let go). Files that cannot
 * be read or are not doc pages are returned as unusable, and the others are still
 * linted.
 */
export function lintPages(inputs: Iterable<PageInput>, options: LintOptions = {}): LintResult {
  const run = lintRun(options);
  const unusable: UnusableInput[] = [];
  let pagesLinted = 0;
  for (const input of inputs) {
    const read = readPage(input);
    if ("message" in read) {
      unusable.push(read);
      continue;
    }
    run.add(read);
    pagesLinted++;
  }
  return { ...run.finish(), unusable, pagesLinted };
}
