import { finding, type Finding } from "../findings";
import { entitySchema, type PageRule } from "./context";

const QUALIFIED_NAME = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)+$/;

/**
 * namespace-mismatch: the Namespace line against the namespace of the page's type,
 * and each namespace-qualified type in the property table against the canonical
 * name of the member's declared type.
 */
export const namespaceRule: PageRule = (context) => {
  const { page, target, navigator } = context;
  if (!target) return [];
  const findings: Finding[] = [];
  const typeName = target.type.odataType.split(".").at(-1);
  if (page.namespace && page.namespace.text !== target.type.namespace) {
    findings.push(
      finding(page.path, page.namespace.line, "namespace-mismatch", `Namespace is ${page.namespace.text} but ${typeName} is in ${target.type.namespace} (${target.type.odataType})`),
    );
  }
  const root = entitySchema(context);
  for (const row of page.properties) {
    if (!QUALIFIED_NAME.test(row.type)) continue;
    const expected = navigator.declaredODataType(navigator.member(root, row.name));
    if (expected && expected !== row.type) {
      findings.push(finding(page.path, row.line, "namespace-mismatch", `the table gives "${row.name}" the type ${row.type}; the type is ${expected}`));
    }
  }
  return findings;
};
