import { formatJsonPath, parseJsonPath } from "../../schemas/jsonPath";
import { finding, type Finding } from "../findings";
import { substitutePlaceholders } from "../placeholders";
import { describeExample, exampleResources, exampleSchemaName, type PageRule } from "./context";
import { odataTypeUses } from "./odataTypes";

/**
 * example-schema: each example body, placeholders replaced by representative values
 * of their declared types, goes through ajv with its operation's request or response
 * schema; an `isCollection` example, item by item. A truncated example need not
 * carry required members. A violation at a path another finding already explains (a
 * wrong @odata.type name, a placeholder of the wrong kind) is reported once, by that
 * finding.
 */
export const exampleSchemaRule: PageRule = (context) => {
  const { page, target, registry, navigator } = context;
  const findings: Finding[] = [];
  for (const example of page.examples) {
    const json = example.json;
    const schemaName = exampleSchemaName(example, target);
    if (!json?.ok || !schemaName) continue;
    const explained = new Set(
      odataTypeUses(example, context)
        .filter((use) => !use.matches)
        .map((use) => formatJsonPath([...use.objectPath, "@odata.type"])),
    );
    const resources = example.annotation.isCollection ? exampleResources(example) : [{ path: [], value: json.value }];
    for (const resource of resources) {
      const substitution = substitutePlaceholders(resource.value, navigator.resolve(schemaName), navigator);
      for (const mismatch of substitution.mismatches) {
        const fullPath = [...resource.path, ...mismatch.path];
        const path = formatJsonPath(fullPath);
        explained.add(path);
        findings.push(
          finding(page.path, json.lineOf(fullPath), "example-schema", `${path} in ${describeExample(example)}: placeholder "${mismatch.placeholder}" does not fit the declared type (${mismatch.declared})`),
        );
      }
      for (const violation of registry.validate(schemaName, substitution.value).violations) {
        const fullPath = [...resource.path, ...parseJsonPath(violation.path)];
        const path = formatJsonPath(fullPath);
        if (explained.has(path)) continue;
        if (example.annotation.truncated && violation.keyword === "required") continue;
        findings.push(finding(page.path, json.lineOf(fullPath), "example-schema", `${path} in ${describeExample(example)}: ${violation.message} (${violation.rule}, ${schemaName})`));
      }
    }
  }
  return findings;
};
