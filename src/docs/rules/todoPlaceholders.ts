import { finding, type Finding } from "../findings";
import type { PageRule } from "./context";

const TODO = /\bTODO\b/;

/** todo-placeholder: TODO text a writer left in the front matter, the permissions, or the table descriptions. */
export const todoPlaceholderRule: PageRule = ({ page }) => {
  const findings: Finding[] = [];
  for (const field of page.frontMatter?.fields ?? []) {
    if (typeof field.value === "string" && TODO.test(field.value)) {
      findings.push(finding(page.path, field.line, "todo-placeholder", `front matter "${field.key}" is a TODO placeholder`));
    }
  }
  for (const row of page.permissions) {
    if (row.cells.slice(1).some((cell) => TODO.test(cell))) {
      findings.push(finding(page.path, row.line, "todo-placeholder", `permissions for "${row.cells[0]}" are a TODO placeholder`));
    }
  }
  for (const row of page.requestHeaders) {
    if (row.cells.slice(1).some((cell) => TODO.test(cell))) {
      findings.push(finding(page.path, row.line, "todo-placeholder", `description of header "${row.cells[0]}" is a TODO placeholder`));
    }
  }
  for (const row of page.properties) {
    if (TODO.test(row.description)) {
      findings.push(finding(page.path, row.line, "todo-placeholder", `description of "${row.name}" is a TODO placeholder`));
    }
  }
  return findings;
};
