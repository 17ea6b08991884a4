import { finding } from "../findings";
import type { PageRule } from "./context";

/** unclosed-fence: a code block that never closes swallows the rest of the page as code. */
export const unclosedFenceRule: PageRule = ({ page }) =>
  page.unclosedFences.map((fence) => finding(page.path, fence.line, "unclosed-fence", `the code block opened with ${fence.marker} is never closed`));
