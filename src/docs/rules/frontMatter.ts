import { finding } from "../findings";
import type { PageRule } from "./context";

/** invalid-front-matter: the YAML between the `---` lines does not parse as a mapping. */
export const frontMatterRule: PageRule = ({ page }) => {
  const error = page.frontMatter?.error;
  return error ? [finding(page.path, error.line, "invalid-front-matter", `front matter: ${error.message}`)] : [];
};
