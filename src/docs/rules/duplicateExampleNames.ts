import { finding, type Finding } from "../findings";
import type { TextAt } from "../model";
import type { CrossPageRule } from "./context";

/** duplicate-example-name: ApiDoctor keys examples (and generated snippets) by name, within and across pages. */
export const duplicateExampleNameRule: CrossPageRule = (pages) => {
  const byName = new Map<string, { page: string; name: TextAt }[]>();
  for (const page of pages) {
    for (const example of page.examples) {
      const name = example.annotation.name;
      if (name) byName.set(name.text, [...(byName.get(name.text) ?? []), { page: page.path, name }]);
    }
  }
  const findings: Finding[] = [];
  for (const [name, uses] of byName) {
    if (uses.length < 2) continue;
    for (const use of uses) {
      const others = uses.filter((other) => other !== use).map((other) => `${other.page}:${other.name.line}`);
      findings.push(finding(use.page, use.name.line, "duplicate-example-name", `example name "${name}" is also used at ${others.join(", ")}`));
    }
  }
  return findings;
};
