import type { Finding } from "./findings";

/** `page:line  severity  code  message` per finding, then a count line. */
export function formatText(findings: readonly Finding[], pagesLinted: number): string {
  const lines = findings.map((item) => `${item.page}:${item.line}  ${item.severity}  ${item.code}  ${item.message}`);
  const errors = findings.filter((item) => item.severity === "error").length;
  const warnings = findings.length - errors;
  const pages = `${pagesLinted} page${pagesLinted === 1 ? "" : "s"}`;
  lines.push(`${findings.length} finding${findings.length === 1 ? "" : "s"} (${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}) in ${pages}`);
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
