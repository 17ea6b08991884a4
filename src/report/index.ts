import type { RunResults } from "../results/model";
import { cutReportedBodies } from "./cutBodies";
import { renderHtml } from "./html";
import { renderJson } from "./json";
import { renderJunit } from "./junit";
import { reportScrubber, scrubDeep } from "./secrets";
import { ensureDirectory, writeFileAtomically } from "./writeFiles";

export { createConsoleReporter, type ConsoleReporter, type ConsoleReporterOptions, type RunObserver } from "./console";

export const REPORT_FILES = { junit: "junit.xml", json: "results.json", html: "report.html" } as const;

export interface ReportPaths {
  junit: string;
  json: string;
  html: string;
}

/**
 * Writes junit.xml, results.json and report.html into `reportDir` (created if
 * missing) and resolves with their absolute paths. Bodies are cut to a size a
 * report can hold; secrets are scrubbed from the results before rendering and
 * from each rendered file before it is written.
 */
export async function writeReports(results: RunResults, reportDir: string, options: { secrets: string[] }): Promise<ReportPaths> {
  const scrub = reportScrubber(options.secrets);
  const clean = scrubDeep(cutReportedBodies(results), scrub);
  // Render all three first: a rendering error then leaves the previous reports untouched.
  const rendered: [keyof ReportPaths, string][] = [
    ["junit", renderJunit(clean)],
    ["json", renderJson(clean)],
    ["html", renderHtml(clean)],
  ];
  const directory = await ensureDirectory(reportDir);
  const paths: Partial<ReportPaths> = {};
  for (const [kind, content] of rendered) paths[kind] = await writeFileAtomically(directory, REPORT_FILES[kind], scrub(content));
  return paths as ReportPaths;
}
