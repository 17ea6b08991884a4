import { finding } from "../findings";
import { pageMethod } from "../pageTarget";
import type { PageRule } from "./context";

/** required-in-patch: an update is partial (rules.md §3 P2), so no member of its body is required. */
export const requiredInPatchRule: PageRule = ({ page, target }) => {
  const method = target?.operation?.method ?? pageMethod(page);
  if (method !== "PATCH") return [];
  return page.properties
    .filter((row) => row.mark === "required")
    .map((row) => finding(page.path, row.line, "required-in-patch", `"${row.name}" is marked Required. on an update: a PATCH sends only the members it changes`));
};
