import fs from "node:fs";
import path from "node:path";
import { isLintFormat, lintFormats, renderFindings } from "../../docs/format";
import type { IgnoreEntry } from "../../docs/suppressions";
import { lintPages, type PageInput } from "../../docs/lint";
import { APIDOCS_DIR, packageManifest } from "../../packageFiles";
import { operations } from "../../catalog";
import { EXIT_FAILURES, EXIT_OK, EXIT_UNUSABLE, UsageError } from "../../exitCodes";
import type { CommandContext } from "../command";

export interface LintDocsOptions {
  format: string;
}

function markdownFilesIn(directory: string): string[] {
  return fs
    .readdirSync(directory)
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => path.join(directory, name));
}

/** Relative to the working directory when the page is below it, else absolute. */
function shownPath(absolutePath: string, cwd: string): string {
  const relative = path.relative(cwd, absolutePath);
  return relative.startsWith("..") || path.isAbsolute(relative) ? absolutePath : relative;
}

/** Anything that is not a readable directory is left to the page reader, which says what is wrong with it. */
function isDirectory(absolutePath: string): boolean {
  try {
    return fs.statSync(absolutePath).isDirectory();
  } catch {
    return false;
  }
}

/** A directory argument stands for its `.md` files; anything else is one page (checked when read). */
function pageInputs(args: readonly string[], cwd: string): PageInput[] {
  if (args.length === 0) {
    // The package's pages, and those of the operations an --operations file adds.
    const files = [...new Set([...markdownFilesIn(APIDOCS_DIR), ...operations().map((operation) => operation.pageFile)])];
    return files.map((absolutePath) => ({ path: shownPath(absolutePath, cwd), absolutePath }));
  }
  return args.flatMap((arg) => {
    const absolutePath = path.resolve(cwd, arg);
    if (!isDirectory(absolutePath)) return [{ path: arg, absolutePath }];
    return markdownFilesIn(absolutePath).map((file) => ({ path: path.join(arg, path.basename(file)), absolutePath: file }));
  });
}

export function lintDocsCommand(pages: string[], options: LintDocsOptions, context: CommandContext): void {
  const format = options.format;
  if (!isLintFormat(format)) throw new UsageError(`--format must be one of ${lintFormats.join(", ")}, not "${format}"`);
  const inputs = pageInputs(pages, context.cwd);
  if (inputs.length === 0) throw new UsageError(`no .md pages in ${pages.join(", ")}`);
  const ignore = (context.config?.values.lintDocs as { ignore?: IgnoreEntry[] } | undefined)?.ignore ?? [];
  const result = lintPages(inputs, { ignore });
  context.stdout.write(renderFindings(format, result, { name: "graph-conformance lint-docs", version: packageManifest().version }));
  for (const problem of result.unusable) context.stderr.write(`graph-conformance: ${problem.page}: ${problem.message}\n`);
  const hasErrors = result.findings.some((item) => item.severity === "error");
  context.setExitCode(result.unusable.length > 0 ? EXIT_UNUSABLE : hasErrors ? EXIT_FAILURES : EXIT_OK);
}
