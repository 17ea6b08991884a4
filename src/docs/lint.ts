import fs from "node:fs";
import { schemaRegistry } from "../schemas/registry";
import { sortFindings, type Finding } from "./findings";
import type { DocPage } from "./model";
import { pageTarget } from "./pageTarget";
import { cannotRead } from "./readError";
import { notADocPage, parsePage } from "./parsePage";
import { crossPageRules, pageRules } from "./rules";
import { SchemaNavigator } from "./schemaNavigator";

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

export interface LintResult {
  findings: Finding[];
  unusable: UnusableInput[];
  pagesLinted: number;
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

/** Runs every page rule on each parsed page and the cross-page rules over all of them, findings sorted. */
export function lintParsedPages(pages: readonly DocPage[]): Finding[] {
  const registry = schemaRegistry();
  const navigator = new SchemaNavigator(registry);
  const findings: Finding[] = [];
  for (const page of pages) {
    const context = { page, target: pageTarget(page), registry, navigator };
    for (const rule of Object.values(pageRules)) findings.push(...rule(context));
  }
  for (const rule of Object.values(crossPageRules)) findings.push(...rule(pages));
  return sortFindings(findings);
}

/**
 * Lints doc pages from files. Files that cannot be read or are not doc pages are
 * returned as unusable, and the others are still linted.
 */
export function lintPages(inputs: readonly PageInput[]): LintResult {
  const pages: DocPage[] = [];
  const unusable: UnusableInput[] = [];
  for (const input of inputs) {
    const read = readPage(input);
    if ("message" in read) unusable.push(read);
    else pages.push(read);
  }
  return { findings: lintParsedPages(pages), unusable, pagesLinted: pages.length };
}
