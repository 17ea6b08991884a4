import { finding, type Finding } from "../findings";
import type { Schema, SchemaNavigator } from "../../schemas/navigator";
import { describeExample, exampleResources, type PageRule } from "./context";

/** Members the type inherits: those of the types its schema extends through allOf. */
function baseTypeMembers(navigator: SchemaNavigator, entitySchemaName: string): Set<string> {
  const members = new Set<string>();
  const schema = navigator.resolve(entitySchemaName);
  const bases = typeof schema === "object" ? ((schema.allOf as Schema[] | undefined) ?? []) : [];
  for (const base of bases) {
    for (const branch of navigator.branches(base)) {
      for (const part of branch) {
        if (typeof part === "object" && part.properties) for (const key of Object.keys(part.properties)) members.add(key);
      }
    }
  }
  return members;
}

/** Instance annotations (`@odata.type`, `@odata.context`) are not members. */
function membersOf(body: Record<string, unknown>): string[] {
  return Object.keys(body).filter((key) => !key.includes("@"));
}

/**
 * table-example-mismatch: an example member the property table does not list (`id`
 * and members inherited from the base type excepted: tables of derived types may
 * list only their own), and a table member a complete (not truncated) response
 * example leaves out. Request examples may leave members out: a PATCH is partial
 * and a POST may omit optional ones. A table in the "Request body" section lists
 * what a request may send, so a response's other members (read-only ones, such as
 * lastModifiedDateTime) are not held against it. An `isCollection` example is
 * judged item by item.
 */
export const tableExampleRule: PageRule = ({ page, target, navigator }) => {
  if (page.properties.length === 0) return [];
  const table = new Set(page.properties.map((row) => row.name));
  const requestBodyTable = page.properties.every((row) => row.section === "request body");
  const inherited = target ? baseTypeMembers(navigator, target.type.entitySchema) : new Set<string>();
  const findings: Finding[] = [];
  for (const example of page.examples) {
    const json = example.json;
    if (!json?.ok) continue;
    for (const resource of exampleResources(example)) {
      const members = membersOf(resource.value);
      if (example.blockType === "request" || !requestBodyTable) {
        for (const member of members) {
          if (table.has(member) || member === "id" || inherited.has(member)) continue;
          findings.push(finding(page.path, json.lineOf([...resource.path, member]), "table-example-mismatch", `"${member}" of ${describeExample(example)} is not in the property table`));
        }
      }
      if (example.blockType !== "response" || example.annotation.truncated) continue;
      for (const row of page.properties) {
        if (members.includes(row.name)) continue;
        findings.push(finding(page.path, example.line, "table-example-mismatch", `${describeExample(example)} leaves out table member "${row.name}" (line ${row.line}) and is not marked truncated`));
      }
    }
  }
  return findings;
};
