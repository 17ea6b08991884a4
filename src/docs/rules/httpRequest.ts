import { finding, type Finding } from "../findings";
import type { PageRule } from "./context";

/**
 * missing-http-request: the HTTP request block must say how to call the API;
 * invalid-http for lines that are not `METHOD path`. A page without the section is
 * a template matter (missing-http-request-section): some published pages give their
 * paths under other headings.
 */
export const httpRequestRule: PageRule = ({ page }) => {
  const findings: Finding[] = [];
  const block = page.httpRequest;
  if (!block) return [finding(page.path, page.title?.line ?? 1, "missing-http-request-section", 'the page has no "HTTP request" section')];
  for (const line of block.malformed) {
    findings.push(finding(page.path, line.line, "invalid-http", `"${line.text.trim()}" in the HTTP request block is not "METHOD path"`));
  }
  if (block.requests.length === 0) {
    findings.push(finding(page.path, block.line, "missing-http-request", "the HTTP request block gives no method and path"));
  }
  return findings;
};
