import path from "node:path";
import { lintPages } from "../../src/docs/lint";

/**
 * Each convention the published Microsoft Graph docset follows, and each real
 * defect kind, on a small page written for it (specs/fixtures/docs/conventions/ and
 * defects/). A convention page yields no finding of its own: at most the
 * unknown-type warning every page outside the manifest with a JSON example gets.
 */
const fixtures = path.resolve(__dirname, "../fixtures/docs");

function lint(...names: string[]) {
  return lintPages(names.map((name) => ({ path: name, absolutePath: path.join(fixtures, name) })));
}

function linesAndCodes(name: string) {
  const result = lint(name);
  expect(result.unusable).toEqual([]);
  return result.findings.map((item) => [item.line, item.code]);
}

const UNCHECKED = [1, "unknown-type"];

describe("conventions of the published docset: no finding", () => {
  it.each([
    ["the page annotation at the end (#page.annotation), after the uuid comment", "conventions/page-annotation.md", []],
    ["placeholder alternatives in paths, {id | userPrincipalName}, in the request block and an example", "conventions/placeholder-alternatives.md", [UNCHECKED]],
    ["relative paths without a leading slash, a query, a function call", "conventions/relative-path.md", []],
    ["a query written unencoded, spaces and all ($filter=… gt 0)", "conventions/unencoded-query.md", []],
    ["msgraph-interactive request fences, absolute and relative", "conventions/msgraph-interactive.md", []],
    ["CSV, stream and text bodies (octet-stream, @odata.type stream, text/plain) are not JSON", "conventions/stream-response.md", []],
    ["an ignored annotation before prose, a permissions annotation before an include", "conventions/ignored-before-prose.md", []],
    ["isCollection: each item of value is the page's type", "conventions/is-collection.md", []],
    ["tabbed SDK snippets (# [HTTP](#tab/http) … ---), even a --- right under an include", "conventions/tabbed-snippets.md", [UNCHECKED]],
    ["[!INCLUDE …] lines", "conventions/include-lines.md", []],
    ["annotations as Json.NET reads them: a trailing comment, a trailing comma, @type, a name list, a line break in a string", "conventions/lenient-annotation.md", [UNCHECKED]],
    ["a request and its response sharing a name", "conventions/shared-name.md", []],
  ])("%s", (_convention, name, expected) => {
    expect(linesAndCodes(name)).toEqual(expected);
  });

  it("a page that gives its paths under other headings: a template warning, not an error", () => {
    const { findings } = lint("conventions/no-http-request-section.md");
    expect(findings).toEqual([expect.objectContaining({ line: 5, code: "missing-http-request-section", severity: "warning" })]);
  });

  it("reads the page annotation's suppressions, and the lenient annotation's fields", () => {
    const result = lint("conventions/suppressions.md");
    expect(result.findings.map((item) => [item.line, item.code])).toEqual([
      [6, "unknown-type"],
      [30, "content-length-mismatch"], // update_widget_kept: no suppression names it
    ]);
    // invalid-json by code, content-length by code and message part, unpaired-annotation by its whole message.
    expect(result.suppressed).toBe(3);
  });
});

describe("real defects: one page each, exactly its findings", () => {
  it.each([
    ["a JSON body with a trailing comma, and one with an ellipsis (application/json with a charset)", "defects/invalid-json.md", [[19, "invalid-json"], [29, "invalid-json"]]],
    ["an unclosed fence", "defects/unclosed-fence.md", [[13, "unclosed-fence"]]],
    ["a request block with no method and path", "defects/no-method-and-path.md", [[6, "missing-http-request"], [7, "invalid-http"], [8, "invalid-http"]]],
    ["two requests with one name", "defects/duplicate-request-name.md", [[12, "duplicate-example-name"], [22, "duplicate-example-name"]]],
    ["a collection item of the wrong type and status (Collection(x) annotation)", "defects/collection-item-schema.md", [[36, "odata-type-mismatch"], [38, "example-schema"]]],
    ["an annotation that is not JSON", "defects/invalid-annotation.md", [[12, "invalid-annotation"]]],
    ["a request annotation with prose before its block (a warning)", "defects/unpaired-annotation.md", [[12, "unpaired-annotation"]]],
  ])("%s", (_defect, name, expected) => {
    expect(linesAndCodes(name)).toEqual(expected);
  });

  it("gives every defect its documented severity: errors, and the unpaired annotation a warning", () => {
    const { findings } = lint("defects/invalid-json.md", "defects/unclosed-fence.md", "defects/unpaired-annotation.md");
    expect(findings.map((item) => `${item.code} ${item.severity}`)).toEqual(["invalid-json error", "invalid-json error", "unclosed-fence error", "unpaired-annotation warning"]);
  });

  it("names the item of a collection in its message", () => {
    const { findings } = lint("defects/collection-item-schema.md");
    expect(findings[0].message).toBe('@odata.type "#microsoft.industryData.run" at $.value[1] in response example (line 24) is not "#microsoft.graph.industryData.run" (the leading "#" may be left out)');
    expect(findings[1].message).toMatch(/^\$\.value\[1\]\.status in response example \(line 24\): "paused" is not a member of the enum/);
  });
});
