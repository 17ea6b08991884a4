import { finding } from "../findings";
import type { PageRule } from "./context";

/**
 * unknown-type: say so when a page's JSON examples could not be checked, rather than
 * pass them silently. A CSV or stream body has no schema to check against anyway.
 */
export const unknownTypeRule: PageRule = ({ page, target }) => {
  if (target || !page.examples.some((example) => example.json?.ok)) return [];
  return [
    finding(
      page.path,
      page.title?.line ?? 1,
      "unknown-type",
      "the page is not in the operations manifest and its type cannot be inferred from its title, Namespace line or @odata.type: examples not checked against a schema",
    ),
  ];
};
