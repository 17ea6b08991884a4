import { XMLValidator } from "fast-xml-parser";
import { HOSTILE_MARKUP, type HostileServer, scriptingServer } from "../robustness/servers";
import { runVerify } from "../robustness/runVerify";

// A target whose error codes, messages, headers and bodies are markup and script:
// the HTML report shows them as text and runs none of them.

jest.setTimeout(30_000);

let server: HostileServer;
beforeAll(async () => {
  server = await scriptingServer();
});
afterAll(() => server.close());

it("every server-provided string is escaped in the HTML report", async () => {
  const run = await runVerify(["--base-url", server.baseUrl, "--token", "tok-html-4711", "--seed", "9", "--cases", "1", "--only", "industryData.run.update"]);
  expect(run.exitCode).toBe(1);
  const html = run.reports["report.html"]!;
  // The server's strings are there, as text.
  expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  expect(html).toContain("&lt;/pre&gt;&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;");
  // And never as markup: no script, no event handler, no early end of the report's own elements.
  expect(html).not.toContain("<script");
  expect(html).not.toMatch(/<img\b/i);
  expect(html).not.toMatch(/<b>bold<\/b>/);
  expect(html).not.toContain("</pre></td></tr></table>");
  expect(html).not.toContain(HOSTILE_MARKUP);
  expect(XMLValidator.validate(run.reports["junit.xml"]!)).toBe(true);
});
