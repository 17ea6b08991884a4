import { renderHtml } from "../../src/report/html";
import { HOSTILE_BODY, passingRun, runResults } from "./fixtures";

function between(html: string, start: string, end: string): string {
  const from = html.indexOf(start);
  expect(from).toBeGreaterThanOrEqual(0);
  return html.slice(from, html.indexOf(end, from));
}

describe("report.html", () => {
  const html = renderHtml(runResults());

  it("is one self-contained file: inline style, no script, no external asset", () => {
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain("<style>");
    expect(html).not.toMatch(/<script|<link|<img|src=|@import|url\(/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it("escapes every server-provided string: a script in a response body is shown, never run", () => {
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert(1)</script>");
    const hostileOperation = runResults({
      checks: [{ ...runResults().checks[1], name: '<img src=x onerror="alert(2)">', message: "</pre><b>bold</b>" }],
      target: { ...runResults().target, baseUrl: "http://127.0.0.1:1/<svg onload=alert(3)>" },
    });
    const hostile = renderHtml(hostileOperation);
    expect(hostile).not.toMatch(/<img|<svg|<b>bold/);
    expect(hostile).toContain("&lt;img src=x onerror=&quot;alert(2)&quot;&gt;");
    expect(hostile).toContain("&lt;/pre&gt;&lt;b&gt;bold&lt;/b&gt;");
  });

  it("has a header with target, times, seed and summary counts", () => {
    const header = between(html, "<header>", "</header>");
    expect(header).toContain("http://127.0.0.1:4010");
    expect(header).toContain("2026-05-01T10:00:00.000Z");
    expect(header).toContain("rerun with <code>--seed 1234</code>");
    expect(header).toMatch(/6 checks.*✓ 2 passed.*✗ 3 failed.*- 1 skipped/);
    expect(header).not.toContain("INCOMPLETE");
  });

  it("has a summary per operation with the inferred path marked, and a rule table per operation", () => {
    const summary = between(html, "<h2>Summary</h2>", "</section>");
    expect(summary).toContain("inferred path:</span> page 000&#39;s HTTP request block is empty");
    const operation = between(html, 'id="op-industryData.run.update"', "</section>");
    expect(operation).toMatch(/<code>P1<\/code><\/td><td>A valid PATCH[^<]*<\/td><td class="num pass">1<\/td><td class="num">0<\/td>/);
    expect(operation).toMatch(/<code>E4<\/code><\/td><td>An enum value[^<]*<\/td><td class="num pass">0<\/td><td class="num fail">1<\/td>/);
    expect(operation).toContain('<a href="#failure-1">status outside the enum</a>');
    expect(between(html, 'id="op-identityGovernance.run.update"', "</section>")).toContain("Pact interactions");
  });

  it("shows each failure with request, response, expected vs actual and a token-free curl line", () => {
    const failure = between(html, 'id="failure-1"', "</article>");
    expect(failure).toContain("PATCH http://127.0.0.1:4010/process/runs/r-1");
    expect(failure).toContain("authorization: Bearer ***");
    expect(failure).toContain("proxy-authorization: Bearer ***");
    expect(failure).toContain("HTTP 200 (7 ms)");
    expect(failure).toMatch(/<strong>Expected<\/strong><pre>\{\n {2}&quot;status&quot;: 400\n\}<\/pre>/);
    const curl = between(failure, '<pre class="curl">', "</pre>");
    expect(curl).toContain("curl -X PATCH &#39;http://127.0.0.1:4010/process/runs/r-1?access_token=");
    expect(curl).toContain("-H &#39;authorization: Bearer ***&#39;");
    expect(curl).toContain("--data-raw &#39;{&quot;status&quot;:&quot;bogus&quot;,&quot;displayName&quot;:&quot;O&#39;\\&#39;&#39;Brien&quot;}&#39;");
    expect(between(html, 'id="failure-3"', "</article>")).toContain("no response: ECONNRESET");
  });

  it("gives a member-level difference for JSON values", () => {
    const failure = between(html, 'id="failure-2"', "</article>");
    const diff = between(failure, '<table class="diff">', "</table>");
    const rows = [...diff.matchAll(/<tr><td class="([\w-]+)"><code>([^<]*)<\/code>/g)].map((match) => [match[2], match[1]]);
    expect(rows).toEqual([
      ["/status", "differs"],
      ["/extra", "only-actual"],
    ]);
    expect(diff).toContain("<code>&quot;completed&quot;</code></td><td><code>&quot;running&quot;</code>");
    expect(failure).toContain("<strong>Actual</strong><pre>{\n  &quot;displayName&quot;: &quot;A&quot;,\n  &quot;status&quot;: &quot;running&quot;");
  });

  it("marks an incomplete run in the title and a banner", () => {
    const incomplete = renderHtml({ ...passingRun(), incomplete: "interrupted by SIGINT" });
    expect(incomplete).toMatch(/<title>\[INCOMPLETE\] /);
    expect(incomplete).toContain('<p class="banner" id="incomplete">INCOMPLETE: interrupted by SIGINT');
    expect(renderHtml(passingRun())).toContain("No check failed.");
  });

  it("does not hold the server's raw body anywhere unescaped", () => {
    expect(html).not.toContain(HOSTILE_BODY);
  });
});
