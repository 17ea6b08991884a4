import fs from "node:fs";
import path from "node:path";
import { parseHttpMessage } from "../../src/docs/httpMessage";
import { parseJsonWithLines } from "../../src/docs/jsonText";
import { notADocPage, parsePage } from "../../src/docs/parsePage";

const root = path.resolve(__dirname, "../..");

function page(relative: string) {
  const absolutePath = path.join(root, relative);
  return parsePage(fs.readFileSync(absolutePath, "utf8"), relative, absolutePath);
}

describe("parsePage on page 002 (identitygovernance-run-update.md)", () => {
  const parsed = page("apidocs/identitygovernance-run-update.md");

  it("reads the front matter with each key's file line", () => {
    expect(parsed.frontMatter?.line).toBe(1);
    expect(parsed.frontMatter?.fields.map((field) => [field.key, field.line])).toEqual([
      ["title", 2],
      ["description", 3],
      ["author", 4],
      ["ms.localizationpriority", 5],
      ["ms.prod", 6],
      ["doc_type", 7],
    ]);
    expect(parsed.frontMatter?.fields[0].value).toBe("Update run");
  });

  it("reads the title, the Namespace line and the HTTP request block", () => {
    expect(parsed.title).toEqual({ text: "Update run", line: 10 });
    expect(parsed.namespace).toEqual({ text: "microsoft.graph.identityGovernance", line: 11 });
    expect(parsed.httpRequest).toEqual({ line: 32, requests: [{ method: "PATCH", path: "/workflowBase/runs/{runId}", line: 33 }], malformed: [] });
  });

  it("reads the permissions and request-headers tables row by row", () => {
    expect(parsed.permissions.map((row) => [row.line, row.cells[0]])).toEqual([
      [22, "Delegated (work or school account)"],
      [23, "Delegated (personal Microsoft account)"],
      [24, "Application"],
    ]);
    expect(parsed.requestHeaders).toEqual([
      { line: 39, cells: ["Authorization", "Bearer {token}. Required."] },
      { line: 40, cells: ["Content-Type", "application/json. Required."] },
    ]);
  });

  it("reads the property table: names, types, Required/Optional marks and enum members", () => {
    expect(parsed.properties).toHaveLength(11);
    expect(parsed.properties[0]).toEqual({
      line: 48,
      name: "completedDateTime",
      type: "DateTimeOffset",
      description: "**TODO: Add Description** Optional.",
      enumMembers: [],
      mark: "optional",
      section: "request body",
    });
    const processingStatus = parsed.properties.find((row) => row.name === "processingStatus");
    expect(processingStatus).toMatchObject({ line: 52, mark: "required" });
    expect(processingStatus?.enumMembers).toEqual(["queued", "inProgress", "completed", "completedWithErrors", "canceled", "failed", "unknownFutureValue"]);
  });

  it("reads each annotated example: annotation, start line, headers and JSON body with lines", () => {
    const [request, response] = parsed.examples;
    expect(request.annotation).toEqual({ line: 70, blockType: "request", name: { text: "update_run", line: 72 }, truncated: false, isCollection: false });
    expect(request.line).toBe(75);
    expect(request.message.start).toEqual({ kind: "request", method: "PATCH", target: "https://graph.microsoft.com/beta/workflowBase/runs/{runId}", line: 76 });
    expect(request.message.headers).toEqual([
      { name: "Content-Type", value: "application/json", line: 77 },
      { name: "Content-length", value: "502", line: 78 },
    ]);
    expect(request.message.body?.line).toBe(80);
    expect(request.message.body?.lines).toHaveLength(14);
    const json = request.message.body!.json;
    expect(json.ok && json.lineOf(["failedTasksCount"])).toBe(83);
    expect(json.ok && json.lineOf(["workflowExecutionType"])).toBe(92);

    expect(response.annotation).toEqual({ line: 100, blockType: "response", truncated: true, isCollection: false });
    expect(response.message.start).toEqual({ kind: "status", status: 200, reason: "OK", line: 106 });
    expect(response.message.body?.line).toBe(109);
  });
});

describe("parsePage on page 003 (industrydata-rungroup-create.md)", () => {
  const parsed = page("apidocs/industrydata-rungroup-create.md");

  it("takes a linked table type's link text", () => {
    expect(parsed.properties.find((row) => row.name === "blockingError")?.type).toBe("microsoft.industryData.publicError");
  });

  it("reads the annotation's @odata.type with its own line, and nested members' lines", () => {
    const response = parsed.examples[1];
    expect(response.annotation.odataType).toEqual({ text: "microsoft.industryData.runGroup", line: 96 });
    const json = response.message.body!.json;
    expect(json.ok && json.lineOf(["statistics", "@odata.type"])).toBe(113);
    // A member that is not there: the line of its nearest ancestor.
    expect(json.ok && json.lineOf(["statistics", "missing"])).toBe(112);
  });
});

describe("parsePage on pages with empty blocks (000)", () => {
  const parsed = page("apidocs/industrydata-rungroup-update.md");

  it("reports an empty HTTP request block and an empty example as such", () => {
    expect(parsed.httpRequest).toEqual({ line: 32, requests: [], malformed: [] });
    expect(parsed.examples[0]).toMatchObject({ line: 68, empty: true, message: { headers: [], malformed: [] } });
    expect(parsed.examples[0].message.body).toBeUndefined();
  });
});

describe("what is not a doc page", () => {
  it("needs a '# ' title and some doc structure", () => {
    expect(notADocPage(parsePage("just text\n", "a.md", "/a.md"))).toMatch(/no '# ' title/);
    expect(notADocPage(parsePage("# Notes\n\nsome text\n", "a.md", "/a.md"))).toMatch(/no front matter, HTTP request section/);
    expect(notADocPage(parsePage("# Update run\n\n## HTTP request\n\n```http\n```\n", "a.md", "/a.md"))).toBeUndefined();
  });
});

describe("CRLF pages", () => {
  it("keep the same lines as LF pages", () => {
    const source = fs.readFileSync(path.join(root, "apidocs/industrydata-run-update.md"), "utf8").replace(/\n/g, "\r\n");
    const parsed = parsePage(source, "crlf.md", "/crlf.md");
    expect(parsed.examples[0].message.headers.map((header) => [header.name, header.line])).toEqual([
      ["Content-Type", 71],
      ["Content-length", 72],
    ]);
    expect(parsed.examples[0].message.body?.json.ok).toBe(true);
  });
});

describe("parseHttpMessage", () => {
  it("splits start line, headers and body, keeping file lines", () => {
    const message = parseHttpMessage(["HTTP/1.1 201 Created", "Content-Type: application/json", "", "{", '  "a": 1', "}", ""], 10);
    expect(message.start).toEqual({ kind: "status", status: 201, reason: "Created", line: 10 });
    expect(message.headers).toEqual([{ name: "Content-Type", value: "application/json", line: 11 }]);
    expect(message.body).toMatchObject({ line: 13, lines: ["{", '  "a": 1', "}"] });
  });

  it("takes a block that opens with { as a bare body", () => {
    const message = parseHttpMessage(["", '{"a": 1}'], 5);
    expect(message.start).toBeUndefined();
    expect(message.body?.line).toBe(6);
  });

  it("records header lines that are not Name: value", () => {
    expect(parseHttpMessage(["GET /x", "no colon here"], 1).malformed).toEqual([{ text: "no colon here", line: 2 }]);
  });

  it("keeps a first line that is no start line apart from the headers", () => {
    const message = parseHttpMessage(["garbage", "Content-Type: application/json", "", "{}"], 5);
    expect(message).toMatchObject({ unreadableStart: { text: "garbage", line: 5 }, headers: [{ name: "Content-Type", line: 6 }], malformed: [] });
    expect(message.start).toBeUndefined();
  });
});

describe("JSON with lines", () => {
  it("gives the line and column of a syntax error", () => {
    expect(parseJsonWithLines('{\n  "a": ,\n}', 40)).toEqual({ ok: false, line: 41, column: 8, message: "not valid JSON: value expected" });
    expect(parseJsonWithLines("{\"a\": 1,}", 1)).toMatchObject({ ok: false, message: "not valid JSON: property name expected" });
    expect(parseJsonWithLines("   ", 3)).toMatchObject({ ok: false, line: 3 });
  });
});
