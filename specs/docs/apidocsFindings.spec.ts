import path from "node:path";
import { lintPages } from "../../src/docs/lint";
import { operations } from "../../src/catalog";

/**
 * The findings the linter must report on the five pages of apidocs/, and nothing
 * else: a new false finding or a lost real one fails this spec. Pages are named by
 * their seed number (rules.md). Line numbers are the pages' own, front matter included.
 */
const FRONT_MATTER_AND_PERMISSION_TODOS = [4, 6, 22, 23, 24].map((line) => [line, "todo-placeholder"] as const);

const expected: Record<string, ReadonlyArray<readonly [number, string]>> = {
  // 000 industrydata-rungroup-update.md
  "000": [
    ...FRONT_MATTER_AND_PERMISSION_TODOS,
    [32, "missing-http-request"], // the HTTP request block is empty
    ...[48, 49, 50, 51, 52].map((line) => [line, "todo-placeholder"] as const), // "**TODO: Add Description**"
    [68, "empty-example"], // the request example block holds one blank line
  ],
  // 001 industrydata-run-update.md
  "001": [
    ...FRONT_MATTER_AND_PERMISSION_TODOS,
    ...[49, 50, 51, 52, 53].map((line) => [line, "todo-placeholder"] as const),
    [66, "duplicate-example-name"], // "update_run", also page 002's request example name
  ],
  // 002 identitygovernance-run-update.md
  "002": [
    ...FRONT_MATTER_AND_PERMISSION_TODOS,
    [48, "todo-placeholder"],
    // Every member but the three nullable date-times is marked "Required." on a PATCH.
    ...[49, 50].flatMap((line) => [[line, "required-in-patch"], [line, "todo-placeholder"]] as const),
    [51, "todo-placeholder"],
    [52, "required-in-patch"],
    [52, "todo-placeholder"],
    [53, "todo-placeholder"],
    ...[54, 55, 56, 57, 58].flatMap((line) => [[line, "required-in-patch"], [line, "todo-placeholder"]] as const),
    [72, "duplicate-example-name"], // "update_run", also page 001's
  ],
  // 003 industrydata-rungroup-create.md
  "003": [
    [4, "todo-placeholder"],
    [6, "todo-placeholder"],
    [11, "namespace-mismatch"], // Namespace: microsoft.graph, but runGroup is microsoft.graph.industryData
    [22, "todo-placeholder"],
    [23, "todo-placeholder"],
    [24, "todo-placeholder"],
    [53, "namespace-mismatch"], // table type microsoft.industryData.publicError (is microsoft.graph.publicError)
    [54, "namespace-mismatch"], // table type microsoft.industryData.runStatistics (is microsoft.graph.industryData.runStatistics)
    [76, "odata-type-mismatch"], // request "#microsoft.industryData.runGroup"
    [85, "odata-type-mismatch"], // request statistics "microsoft.graph.runStatistics"
    [96, "odata-type-mismatch"], // response annotation "microsoft.industryData.runGroup"
    [104, "odata-type-mismatch"], // response "#microsoft.industryData.runGroup"
    [113, "odata-type-mismatch"], // response statistics "microsoft.graph.runStatistics"
  ],
  // 004 industrydata-outgoingflowrun-update.md
  "004": [
    ...FRONT_MATTER_AND_PERMISSION_TODOS,
    [32, "missing-http-request"],
    ...[48, 49, 50, 51, 52].map((line) => [line, "todo-placeholder"] as const),
    [68, "empty-example"],
  ],
};

describe("lint-docs on the five pages of apidocs/", () => {
  const pages = operations().map((operation) => ({ path: operation.page, absolutePath: path.resolve(__dirname, "../..", operation.page) }));
  const result = lintPages(pages);

  it("reads every page", () => {
    expect(result.unusable).toEqual([]);
    expect(result.pagesLinted).toBe(5);
  });

  it.each(operations().map((operation) => [operation.pageNumber, operation.page] as const))("page %s (%s): exactly the pinned findings", (pageNumber, page) => {
    const actual = result.findings.filter((item) => item.page === page).map((item) => [item.line, item.code]);
    const pinned = [...expected[pageNumber!]].map(([line, code]) => [line, code]);
    expect(actual).toEqual(pinned);
  });

  it("finds no content-length, table or schema defect: the pages' Content-lengths match their CRLF bodies and every placeholder fits", () => {
    const codes = new Set(result.findings.map((item) => item.code));
    for (const code of ["content-length-mismatch", "table-example-mismatch", "example-schema", "invalid-json", "invalid-http", "unknown-type"]) {
      expect(codes).not.toContain(code);
    }
  });

  it("names the canonical type in each @odata.type finding and the other page in each duplicate", () => {
    const messages = result.findings.filter((item) => item.code === "odata-type-mismatch").map((item) => item.message);
    expect(messages).toEqual([
      expect.stringContaining('is not "#microsoft.graph.industryData.runGroup"'),
      expect.stringContaining('is not "#microsoft.graph.industryData.runStatistics"'),
      expect.stringContaining('is not "microsoft.graph.industryData.runGroup"'),
      expect.stringContaining('is not "#microsoft.graph.industryData.runGroup"'),
      expect.stringContaining('is not "#microsoft.graph.industryData.runStatistics"'),
    ]);
    const duplicate = result.findings.find((item) => item.code === "duplicate-example-name" && item.page.includes("industrydata-run-update"));
    expect(duplicate?.message).toContain("apidocs/identitygovernance-run-update.md:72");
  });

  it("gives errors and warnings the documented severities", () => {
    for (const item of result.findings) expect(item.severity).toBe(item.code === "todo-placeholder" ? "warning" : "error");
  });
});
