import { finding, type Finding } from "../findings";
import type { TextAt } from "../model";
import type { CrossPageRule } from "./context";

/** A name used on many pages is named with its first few other uses, so a message stays one readable line. */
const OTHERS_NAMED = 5;

interface NameUse {
  page: string;
  name: TextAt;
}

/**
 * duplicate-example-name: ApiDoctor keys methods (and generated snippets) by the
 * name of their request, within and across pages. A request and its response share
 * a name by convention (ApiDoctor pairs them so), so names are compared among
 * requests and among responses, not between the two.
 */
export const duplicateExampleNameRule: CrossPageRule<{ key: string; use: NameUse }[]> = {
  digest: (page) =>
    page.examples.flatMap((example) => {
      const name = example.annotation.name;
      return name ? [{ key: `${example.blockType} ${name.text}`, use: { page: page.path, name } }] : [];
    }),
  check() {
    const uses = new Map<string, NameUse[]>();
    return {
      collect(digest) {
        for (const { key, use } of digest) {
          const shared = uses.get(key);
          if (shared) shared.push(use);
          else uses.set(key, [use]);
        }
      },
      findings() {
        const findings: Finding[] = [];
        for (const shared of uses.values()) {
          if (shared.length < 2) continue;
          for (const use of shared) {
            const others = shared.filter((other) => other !== use);
            const named = others.slice(0, OTHERS_NAMED).map((other) => `${other.page}:${other.name.line}`);
            const more = others.length > OTHERS_NAMED ? ` and ${others.length - OTHERS_NAMED} more` : "";
            findings.push(finding(use.page, use.name.line, "duplicate-example-name", `example name "${use.name.text}" is also used at ${named.join(", ")}${more}`));
          }
        }
        return findings;
      },
    };
  },
};
