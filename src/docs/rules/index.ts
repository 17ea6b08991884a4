import type { CrossPageRule, PageRule } from "./context";
import { contentLengthRule } from "./contentLength";
import { duplicateExampleNameRule } from "./duplicateExampleNames";
import { exampleSchemaRule } from "./exampleSchema";
import { exampleStructureRule } from "./exampleStructure";
import { frontMatterRule } from "./frontMatter";
import { httpRequestRule } from "./httpRequest";
import { namespaceRule } from "./namespace";
import { odataTypeRule } from "./odataTypes";
import { requiredInPatchRule } from "./requiredInPatch";
import { tableExampleRule } from "./tableExample";
import { todoPlaceholderRule } from "./todoPlaceholders";
import { unclosedFenceRule } from "./unclosedFence";
import { unknownTypeRule } from "./unknownType";

/** Every page rule, by name. Each is a pure function of one page; the linter runs them all. */
export const pageRules: Readonly<Record<string, PageRule>> = {
  frontMatter: frontMatterRule,
  httpRequest: httpRequestRule,
  unclosedFence: unclosedFenceRule,
  exampleStructure: exampleStructureRule,
  todoPlaceholders: todoPlaceholderRule,
  requiredInPatch: requiredInPatchRule,
  namespace: namespaceRule,
  odataTypes: odataTypeRule,
  contentLength: contentLengthRule,
  tableExample: tableExampleRule,
  exampleSchema: exampleSchemaRule,
  unknownType: unknownTypeRule,
};

/** Rules that compare the pages linted together. */
export const crossPageRules: Readonly<Record<string, CrossPageRule>> = {
  duplicateExampleNames: duplicateExampleNameRule,
};
