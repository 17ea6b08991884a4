import { finding, type Finding } from "../findings";
import type { Example } from "../model";
import { describeExample, type PageRule } from "./context";

function startLineFindings(path: string, example: Example): Finding[] {
  const { start, unreadableStart, body } = example.message;
  const expected = example.blockType === "request" ? "request" : "status";
  const wanted = expected === "request" ? 'a request line ("PATCH https://…")' : 'a status line ("HTTP/1.1 200 OK")';
  if (start && start.kind !== expected) return [finding(path, start.line, "invalid-http", `${describeExample(example)} starts with a ${start.kind} line, not ${wanted}`)];
  if (unreadableStart) {
    return [finding(path, unreadableStart.line, "invalid-http", `${describeExample(example)} starts with "${unreadableStart.text.trim()}", not ${wanted}`)];
  }
  if (!start && body) return [finding(path, example.line, "invalid-http", `${describeExample(example)} has no start line: expected ${wanted}`)];
  return [];
}

/**
 * empty-example, invalid-http, invalid-json, invalid-annotation and
 * unpaired-annotation: the structure of the annotated examples, before any of their
 * content can be checked. Only a body that declares itself JSON is judged as JSON.
 */
export const exampleStructureRule: PageRule = ({ page }) => {
  const findings: Finding[] = [];
  for (const example of page.examples) {
    if (example.empty) {
      findings.push(finding(page.path, example.line, "empty-example", `${describeExample(example)} is empty`));
      continue;
    }
    findings.push(...startLineFindings(page.path, example));
    for (const line of example.message.malformed) {
      findings.push(finding(page.path, line.line, "invalid-http", `"${line.text.trim()}" in ${describeExample(example)} is not a "Name: value" header`));
    }
    const json = example.json;
    if (json && !json.ok) {
      findings.push(finding(page.path, json.line, "invalid-json", `body of ${describeExample(example)} is ${json.message} (column ${json.column})`));
    }
  }
  for (const annotation of page.strayAnnotations) {
    if (annotation.error) findings.push(finding(page.path, annotation.error.line, "invalid-annotation", annotation.error.message));
  }
  for (const annotation of page.unpairedAnnotations) {
    const what = annotation.name ? `${annotation.blockType} annotation "${annotation.name.text}"` : `${annotation.blockType} annotation`;
    findings.push(finding(page.path, annotation.line, "unpaired-annotation", `the ${what} is not followed directly by a code block, so the example is not read`));
  }
  return findings;
};
