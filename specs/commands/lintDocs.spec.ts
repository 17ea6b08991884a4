import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PROJECT_ROOT, runBin, runInProcess } from "../docs/cliHarness";

const fixtures = path.join(PROJECT_ROOT, "specs/fixtures/docs");

describe("graph-conformance lint-docs", () => {
  it("lints every page of apidocs/ by default, from any working directory, exit 1 for the pages' errors", async () => {
    // A fresh directory, never an ancestor of the project (a clone may itself sit in the temp dir).
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "lint-docs-cwd-"));
    const outcome = await runInProcess(["lint-docs"], { cwd: elsewhere });
    fs.rmSync(elsewhere, { recursive: true });
    expect(outcome.status).toBe(1);
    expect(outcome.stderr).toBe("");
    const lines = outcome.stdout.trimEnd().split("\n");
    expect(lines.at(-1)).toBe("73 findings (22 errors, 51 warnings) in 5 pages");
    // Outside the project the pages are shown by absolute path, so each line still leads to its file.
    expect(lines).toContain(
      `${path.join(PROJECT_ROOT, "apidocs/industrydata-rungroup-create.md")}:11  error  namespace-mismatch  Namespace is microsoft.graph but runGroup is in microsoft.graph.industryData (#microsoft.graph.industryData.runGroup)`,
    );
  });

  it("prints JSON sorted by page then line", async () => {
    const outcome = await runInProcess(["lint-docs", "--format", "json"]);
    const findings = JSON.parse(outcome.stdout) as Array<{ page: string; line: number; code: string; severity: string; message: string }>;
    expect(findings).toHaveLength(73);
    expect(Object.keys(findings[0]).sort()).toEqual(["code", "line", "message", "page", "severity"]);
    const order = findings.map((item) => [item.page, item.line] as const);
    const sorted = [...order].sort(([pageA, lineA], [pageB, lineB]) => (pageA === pageB ? lineA - lineB : pageA < pageB ? -1 : 1));
    expect(order).toEqual(sorted);
    expect(findings[0]).toEqual({
      page: "apidocs/identitygovernance-run-update.md",
      line: 4,
      code: "todo-placeholder",
      severity: "warning",
      message: 'front matter "author" is a TODO placeholder',
    });
  });

  it("takes PAGE arguments relative to the working directory; warnings alone exit 0", async () => {
    const outcome = await runInProcess(["lint-docs", "no-examples.md", "../../../apidocs/industrydata-run-update.md"], { cwd: fixtures });
    // Page 001 alone has only TODO warnings: its duplicate example name is on page 002, not linted here.
    expect(outcome.stdout.trimEnd().split("\n").at(-1)).toBe("10 findings (0 errors, 10 warnings) in 2 pages");
    expect(outcome.stdout).toContain("../../../apidocs/industrydata-run-update.md:4  warning  todo-placeholder");
    expect(outcome.status).toBe(0);
  });

  it("exits 2 for a missing file or a file that is not a doc page, still linting the others", async () => {
    const outcome = await runInProcess(["lint-docs", "not-a-doc-page.md", "missing.md", "malformed.md"], { cwd: fixtures });
    expect(outcome.status).toBe(2);
    expect(outcome.stderr).toBe(
      "graph-conformance: not-a-doc-page.md: not a doc page: no '# ' title\ngraph-conformance: missing.md: cannot read: no such file\n",
    );
    expect(outcome.stdout).toContain("malformed.md:35  error  invalid-json");
  });

  it("rejects an unknown --format with exit 2 and one line", async () => {
    const outcome = await runInProcess(["lint-docs", "--format", "xml"]);
    expect(outcome).toEqual({ status: 2, stdout: "", stderr: 'graph-conformance: --format must be one of text, json, sarif, github, not "xml"\n' });
  });

  it("works through the bin script", () => {
    const outcome = runBin(["lint-docs", "--format", "json", "apidocs/industrydata-rungroup-update.md"]);
    expect(outcome.stderr).toBe("");
    expect(outcome.status).toBe(1);
    const codes = (JSON.parse(outcome.stdout) as Array<{ code: string }>).map((item) => item.code);
    expect(codes.filter((code) => code !== "todo-placeholder")).toEqual(["missing-http-request", "empty-example"]);
  });
});
