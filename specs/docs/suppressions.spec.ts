import path from "node:path";
import { finding } from "../../src/docs/findings";
import { lintPages } from "../../src/docs/lint";
import { ignores, suppresses } from "../../src/docs/suppressions";

const jsonError = finding("api/widget-update.md", 19, "invalid-json", 'body of request example "w" is not valid JSON: property name expected (column 1)');
const lengthWarning = finding("api/widget-update.md", 20, "content-length-mismatch", 'Content-Length is 1 but the body of request example "w" is 23 bytes on the wire (UTF-8, lines ending in CRLF)');

describe("a page annotation's suppression", () => {
  it("names one of our codes: every such finding on the page, the severity prefix optional", () => {
    expect(suppresses("invalid-json", jsonError)).toBe(true);
    expect(suppresses("Error: invalid-json", jsonError)).toBe(true);
    expect(suppresses("invalid-json", lengthWarning)).toBe(false);
  });

  it("a severity prefix must agree with the finding", () => {
    expect(suppresses("Warning: invalid-json", jsonError)).toBe(false);
  });

  it("a code and part of the message, compared as ApiDoctor compares (no whitespace, no case)", () => {
    expect(suppresses('content-length-mismatch: request example "W"', lengthWarning)).toBe(true);
    expect(suppresses("content-length-mismatch: another example", lengthWarning)).toBe(false);
  });

  it("ApiDoctor's form, severity, source line and the whole message", () => {
    expect(suppresses(`Warning: /api-reference/beta/api/widget-update.md:\r\n      ${lengthWarning.message}`, lengthWarning)).toBe(true);
    expect(suppresses(`Error: /api/widget-update.md:\n  ${jsonError.message.toUpperCase()}`, jsonError)).toBe(true);
  });

  it("leaves findings alone that an entry written for ApiDoctor's own messages does not name", () => {
    expect(suppresses("Error: /api-reference/beta/api/widget-update.md:\r\n      Exception processing links.", jsonError)).toBe(false);
  });
});

describe("the config file's ignore list", () => {
  it("matches a code (or *) and a page glob", () => {
    expect(ignores({ code: "invalid-json", page: "api/*.md" }, jsonError)).toBe(true);
    expect(ignores({ code: "*", page: "**/widget-*.md" }, lengthWarning)).toBe(true);
    expect(ignores({ code: "invalid-json", page: "api/*.md" }, lengthWarning)).toBe(false);
    expect(ignores({ code: "invalid-json", page: "other/*.md" }, jsonError)).toBe(false);
  });

  it("drops the findings it covers from a lint run and counts them", () => {
    const fixtures = path.resolve(__dirname, "../fixtures/docs");
    const inputs = ["defects/invalid-json.md", "defects/unclosed-fence.md"].map((name) => ({ path: name, absolutePath: path.join(fixtures, name) }));
    const result = lintPages(inputs, { ignore: [{ code: "invalid-json", page: "defects/invalid-*.md" }] });
    expect(result.findings.map((item) => item.code)).toEqual(["unclosed-fence"]);
    expect(result.suppressed).toBe(2);
  });
});
