import type { RunResults } from "../results/model";
import { collectGarbage } from "./collectGarbage";
import { cutReportedBodies } from "./cutBodies";
import { renderHtml } from "./html";
import { renderJson } from "./json";
import { renderJunit } from "./junit";
import { renderHar } from "./har";
import { reportScrubber, scrubDeep } from "./secrets";
import { ensureDirectory, stageFile, type StagedFile } from "./writeFiles";

export { createConsoleReporter, type ConsoleReporter, type ConsoleReporterOptions, type RunObserver } from "./console";

/** A report this long leaves enough garbage to collect before the next one is rendered; a usual run's are far smaller. */
const LARGE_REPORT_CHARS = 4 * 1024 * 1024;

export const REPORT_FILES = { junit: "junit.xml", json: "results.json", html: "report.html", har: "exchanges.har" } as const;

export interface ReportPaths {
  junit: string;
  json: string;
  html: string;
  har: string;
}

/**
 * Writes junit.xml, results.json, report.html and exchanges.har into `reportDir` (created if
 * missing) and resolves with their absolute paths. Bodies are cut to a size a
 * report can hold; secrets are scrubbed from the results before rendering and
 * from each rendered file before it is written.
 */
function keptBodyChars(results: RunResults): number {
  return results.checks.reduce((sum, check) => sum + check.exchanges.reduce((part, exchange) => part + (exchange.response?.body.length ?? 0), 0), 0);
}

async function stageReport(directory: string, kind: keyof ReportPaths, content: string, scrub: (text: string) => string): Promise<{ file: StagedFile; large: boolean }> {
  return { file: await stageFile(directory, REPORT_FILES[kind], content, scrub), large: content.length > LARGE_REPORT_CHARS };
}

export async function writeReports(results: RunResults, reportDir: string, options: { secrets: string[] }): Promise<ReportPaths> {
  const scrub = reportScrubber(options.secrets);
  const clean = scrubDeep(cutReportedBodies(results), scrub);
  const renderers: [keyof ReportPaths, (results: RunResults) => string][] = [
    ["junit", renderJunit],
    ["json", renderJson],
    ["html", renderHtml],
    ["har", renderHar],
  ];
  const directory = await ensureDirectory(reportDir);
  // A run that kept many large bodies left the garbage of reading them (up to the read cap each): collected before the reports add theirs.
  if (keptBodyChars(results) > LARGE_REPORT_CHARS) collectGarbage();
  // Each report is rendered and staged in turn, so only one is in memory at a time
  // (each can be tens of megabytes against a target with large bodies); all three
  // are put in place only once every one rendered, so a rendering error leaves the
  // previous reports untouched.
  const staged: [keyof ReportPaths, StagedFile][] = [];
  try {
    for (const [kind, render] of renderers) {
      const { file, large } = await stageReport(directory, kind, render(clean), scrub);
      staged.push([kind, file]);
      // The rendered text is out of scope here, so a collection can free it.
      if (large) collectGarbage();
    }
  } catch (error) {
    await Promise.all(staged.map(([, file]) => file.discard()));
    throw error;
  }
  const paths: Partial<ReportPaths> = {};
  try {
    for (const [kind, file] of staged) paths[kind] = await file.commit();
  } catch (error) {
    // A report that cannot be put in place leaves no temp file of those after it either.
    await Promise.all(staged.filter(([kind]) => paths[kind] === undefined).map(([, file]) => file.discard()));
    throw error;
  }
  return paths as ReportPaths;
}
