import fs from "node:fs";
import path from "node:path";
import { formatJson, formatText } from "../../docs/format";
import { lintPages, type PageInput } from "../../docs/lint";
import { APIDOCS_DIR } from "../../packageFiles";
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
    return markdownFilesIn(APIDOCS_DIR).map((absolutePath) => ({ path: shownPath(absolutePath, cwd), absolutePath }));
  }
  return args.flatMap((arg) => {
    const absolutePath = path.resolve(cwd, arg);
    if (!isDirectory(absolutePath)) return [{ path: arg, absolutePath }];
    return markdownFilesIn(absolutePath).map((file) => ({ path: path.join(arg, path.basename(file)), absolutePath: file }));
  });
}

export function lintDocsCommand(pages: string[], options: LintDocsOptions, context: CommandContext): void {
  if (options.format !== "text" && options.format !== "json") throw new UsageError(`--format must be text or json, not "${options.format}"`);
  const inputs = pageInputs(pages, context.cwd);
  if (inputs.length === 0) throw new UsageError(`no .md pages in ${pages.join(", ")}`);
  const result = lintPages(inputs);
  context.stdout.write(options.format === "json" ? formatJson(result.findings) : formatText(result.findings, result.pagesLinted));
  for (const problem of result.unusable) context.stderr.write(`graph-conformance: ${problem.page}: ${problem.message}\n`);
  const hasErrors = result.findings.some((item) => item.severity === "error");
  context.setExitCode(result.unusable.length > 0 ? EXIT_UNUSABLE : hasErrors ? EXIT_FAILURES : EXIT_OK);
}
