import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { findingSeverities } from "../../src/docs/findings";
import { lintParsedPages } from "../../src/docs/lint";
import { parsePage } from "../../src/docs/parsePage";
import { operations } from "../../src/catalog";

const root = path.resolve(__dirname, "../..");
const sources = operations().map((operation) => fs.readFileSync(path.join(root, operation.page), "utf8").split("\n"));

/** Lines that break structure: stray fences, comments, table rows, JSON fragments, headings. */
const hostileLine = fc.oneof(
  fc.constantFrom("```", "``` http", "<!-- {", "-->", '<!-- { "blockType": "request" } -->', "|a|b|", "---", "{", "}", '  "x": ', "## HTTP request", "# T", "HTTP/1.1", "PATCH", "Content-Length: -1"),
  fc.string({ maxLength: 30 }),
);

describe("the linter on damaged pages", () => {
  it("never throws, and every finding has a known code, a severity and a line inside the page", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: sources.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.boolean(), hostileLine), { maxLength: 6 }),
        (which, edits) => {
          const lines = [...sources[which]];
          for (const [position, replace, text] of edits) lines.splice(position % (lines.length + 1), replace ? 1 : 0, text);
          const page = parsePage(lines.join("\n"), "damaged.md", "/damaged.md");
          for (const item of lintParsedPages([page])) {
            expect(Object.keys(findingSeverities)).toContain(item.code);
            expect(item.severity).toBe(findingSeverities[item.code]);
            expect(item.line).toBeGreaterThanOrEqual(1);
            expect(item.line).toBeLessThanOrEqual(lines.length + 1);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
