import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { lintPages, lintParsedPages } from "../../src/docs/lint";
import { parsePage } from "../../src/docs/parsePage";
import { wireLength } from "../../src/docs/rules/contentLength";

const fixtures = path.resolve(__dirname, "../fixtures/docs");

function lintFixture(...names: string[]) {
  return lintPages(names.map((name) => ({ path: name, absolutePath: path.join(fixtures, name) })));
}

function codesAndLines(names: string[]) {
  return lintFixture(...names).findings.map((item) => [item.line, item.code]);
}

describe("a page not in the manifest, with the defects the five pages lack (run-defects.md)", () => {
  const { findings, unusable } = lintFixture("run-defects.md");

  it("is linted as the industryData run update, inferred from its title and Namespace line", () => {
    expect(unusable).toEqual([]);
    expect(findings.map((item) => item.code)).not.toContain("unknown-type");
  });

  it("reports exactly its defects", () => {
    expect(findings.map((item) => [item.line, item.code])).toEqual([
      [53, "example-schema"], // "startDateTime": "yesterday" (E7)
      [55, "example-schema"], // "status": "paused" (E4)
      [56, "example-schema"], // "statistics": "x" (E5)
      [57, "example-schema"], // "colour" (E8) ...
      [57, "table-example-mismatch"], // ... and not in the table
      [70, "content-length-mismatch"], // the length of the body with LF line ends
      [73, "example-schema"], // "displayName": "Integer": the placeholder kind does not fit a string
      [99, "table-example-mismatch"], // a complete response without "statistics"
      [103, "example-schema"], // a complete response without "id" (P1)
      // "lastModifiedBy" (line 111) is not in the table, but the table is the request body's and a response may carry more.
    ]);
  });

  it("says what is wrong, with the rule and schema", () => {
    const byLine = new Map(findings.map((item) => [`${item.line} ${item.code}`, item.message]));
    expect(byLine.get("55 example-schema")).toMatch(/^\$\.status in request example "update_run_concrete": "paused" is not a member of the enum .*\(E4, requests\/industryData\.run\.patch\)$/);
    expect(byLine.get("73 example-schema")).toBe('$.displayName in request example "update_run_placeholders": placeholder "Integer" does not fit the declared type (string)');
    expect(byLine.get("70 content-length-mismatch")).toBe(
      'Content-Length is 453 but the body of request example "update_run_placeholders" is 472 bytes on the wire (UTF-8, lines ending in CRLF)',
    );
  });

  it("counts the non-ASCII body of the first request in UTF-8 bytes with CRLF line ends (its Content-Length is right)", () => {
    expect(findings.filter((item) => item.code === "content-length-mismatch")).toHaveLength(1);
  });
});

describe("wire length", () => {
  it("is UTF-8 bytes of the lines joined by CRLF, no line end after the last", () => {
    // "{" 1 + CRLF 2 + '  "a": "ü"' 11 (ü is 2 bytes) + CRLF 2 + "}" 1
    expect(wireLength({ line: 1, lines: ["{", '  "a": "ü"', "}"], json: { ok: false, line: 1, column: 1, message: "" } })).toBe(17);
    expect(wireLength(undefined)).toBe(0);
  });
});

describe("bad input: a finding with file and line, never a crash", () => {
  it("a malformed page: broken front matter, HTTP lines, JSON body and annotations", () => {
    const { findings, unusable } = lintFixture("malformed.md");
    expect(unusable).toEqual([]);
    expect(findings.map((item) => [item.page, item.line, item.code])).toEqual([
      ["malformed.md", 3, "invalid-front-matter"],
      ["malformed.md", 17, "invalid-http"],
      ["malformed.md", 31, "invalid-http"],
      ["malformed.md", 35, "invalid-json"],
      ["malformed.md", 43, "invalid-annotation"],
      ["malformed.md", 48, "unpaired-annotation"],
    ]);
    expect(findings.find((item) => item.code === "invalid-json")?.message).toBe('body of request example "malformed_body" is not valid JSON: invalid symbol (column 13)');
  });

  it("an example whose first line is no start line: one finding, at that line", () => {
    const source =
      '# Update run\nNamespace: microsoft.graph.identityGovernance\n\n## HTTP request\n\n```http\nPATCH /workflowBase/runs/{id}\n```\n\n' +
      '<!-- { "blockType": "request", "name": "garbled" } -->\n```http\nPATCH-ish https://x\nContent-Type: application/json\n\n{ "failedTasksCount": 1 }\n```\n';
    expect(lintParsedPages([parsePage(source, "garbled.md", "/garbled.md")]).map((item) => [item.line, item.code, item.message])).toEqual([
      [12, "invalid-http", 'request example "garbled" starts with "PATCH-ish https://x", not a request line ("PATCH https://…")'],
    ]);
  });

  it("a page without examples", () => {
    expect(codesAndLines(["no-examples.md"])).toEqual([]);
  });

  it("a page whose type cannot be found: a warning that its examples went unchecked", () => {
    const { findings } = lintFixture("unknown-type.md");
    expect(findings).toEqual([expect.objectContaining({ page: "unknown-type.md", line: 1, code: "unknown-type", severity: "warning" })]);
  });

  it("a file that is not a doc page, a missing file and an unreadable one: unusable, each with its reason", () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "lint-docs-"));
    fs.writeFileSync(path.join(directory, "binary.md"), Buffer.from([0x23, 0x20, 0x00, 0xff]));
    try {
      const result = lintPages([
        { path: "not-a-doc-page.md", absolutePath: path.join(fixtures, "not-a-doc-page.md") },
        { path: "missing.md", absolutePath: path.join(fixtures, "missing.md") },
        { path: "a-directory.md", absolutePath: directory },
        { path: "binary.md", absolutePath: path.join(directory, "binary.md") },
        { path: "no-examples.md", absolutePath: path.join(fixtures, "no-examples.md") },
      ]);
      expect(result.unusable).toEqual([
        { page: "not-a-doc-page.md", message: "not a doc page: no '# ' title" },
        { page: "missing.md", message: "cannot read: no such file" },
        { page: "a-directory.md", message: "cannot read: is a directory" },
        { page: "binary.md", message: "not a doc page: a binary file" },
      ]);
      expect(result.pagesLinted).toBe(1);
    } finally {
      fs.rmSync(directory, { recursive: true });
    }
  });
});

describe("pages linted together", () => {
  it("find duplicate example names across pages, on every use", () => {
    const source = fs.readFileSync(path.join(fixtures, "run-defects.md"), "utf8");
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "lint-docs-"));
    fs.writeFileSync(path.join(directory, "copy.md"), source);
    try {
      const result = lintPages([
        { path: "run-defects.md", absolutePath: path.join(fixtures, "run-defects.md") },
        { path: "copy.md", absolutePath: path.join(directory, "copy.md") },
      ]);
      const duplicates = result.findings.filter((item) => item.code === "duplicate-example-name").map((item) => `${item.page}:${item.line} ${item.message}`);
      expect(duplicates).toEqual([
        'copy.md:42 example name "update_run_concrete" is also used at run-defects.md:42',
        'copy.md:64 example name "update_run_placeholders" is also used at run-defects.md:64',
        'run-defects.md:42 example name "update_run_concrete" is also used at copy.md:42',
        'run-defects.md:64 example name "update_run_placeholders" is also used at copy.md:64',
      ]);
    } finally {
      fs.rmSync(directory, { recursive: true });
    }
  });
});
