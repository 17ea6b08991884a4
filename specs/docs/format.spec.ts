import { finding } from "../../src/docs/findings";
import { formatGithub, formatText, renderFindings } from "../../src/docs/format";
import { artifactUri, formatSarif } from "../../src/docs/formatSarif";
import { findingCodes } from "../../src/docs/findings";

const findings = [
  finding("apidocs/run update.md", 11, "namespace-mismatch", "Namespace is microsoft.graph, not microsoft.graph.industryData"),
  finding("apidocs/run-update.md", 4, "todo-placeholder", 'front matter "author" is a TODO placeholder: 100% unfinished\nsecond line'),
];
const tool = { name: "graph-conformance lint-docs", version: "0.1.0" };

describe("--format sarif", () => {
  const sarif = JSON.parse(formatSarif(findings, tool));

  it("is SARIF 2.1.0 with one run whose driver lists every finding code as a rule", () => {
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    expect(sarif.runs).toHaveLength(1);
    const driver = sarif.runs[0].tool.driver;
    expect(driver).toMatchObject(tool);
    expect(driver.rules.map((rule: { id: string }) => rule.id)).toEqual(findingCodes);
    expect(driver.rules.find((rule: { id: string }) => rule.id === "invalid-json")).toEqual({
      id: "invalid-json",
      shortDescription: { text: expect.any(String) },
      defaultConfiguration: { level: "error" },
      properties: { apiDoctorCode: "JsonParserException" },
    });
  });

  it("has one result per finding with its rule, level, message, page and line", () => {
    expect(sarif.runs[0].results).toEqual([
      {
        ruleId: "namespace-mismatch",
        ruleIndex: findingCodes.indexOf("namespace-mismatch"),
        level: "error",
        message: { text: findings[0].message },
        locations: [{ physicalLocation: { artifactLocation: { uri: "apidocs/run%20update.md" }, region: { startLine: 11 } } }],
      },
      expect.objectContaining({ ruleId: "todo-placeholder", level: "warning", locations: [{ physicalLocation: { artifactLocation: { uri: "apidocs/run-update.md" }, region: { startLine: 4 } } }] }),
    ]);
  });

  it("makes an absolute page a file URI", () => {
    expect(artifactUri("/work/pages/a b.md")).toBe("file:///work/pages/a%20b.md");
  });
});

describe("--format github", () => {
  it("prints one workflow annotation per finding, escaped, then the count line", () => {
    expect(formatGithub(findings, 2).split("\n")).toEqual([
      "::error file=apidocs/run update.md,line=11,title=namespace-mismatch::Namespace is microsoft.graph, not microsoft.graph.industryData",
      '::warning file=apidocs/run-update.md,line=4,title=todo-placeholder::front matter "author" is a TODO placeholder: 100%25 unfinished%0Asecond line',
      "2 findings (1 error, 1 warning) in 2 pages",
      "",
    ]);
  });
});

describe("text and the renderer", () => {
  it("says how many findings were suppressed, when any were", () => {
    expect(formatText([], 3, 2)).toBe("0 findings (0 errors, 0 warnings) in 3 pages; 2 suppressed\n");
    expect(formatText([], 1)).toBe("0 findings (0 errors, 0 warnings) in 1 page\n");
  });

  it("renders each format from one run", () => {
    const run = { findings, pagesLinted: 2, suppressed: 0 };
    expect(JSON.parse(renderFindings("json", run, tool))).toHaveLength(2);
    expect(renderFindings("github", run, tool)).toMatch(/^::error /);
    expect(JSON.parse(renderFindings("sarif", run, tool)).version).toBe("2.1.0");
    expect(renderFindings("text", run, tool)).toMatch(/^apidocs\/run update\.md:11  error  namespace-mismatch/);
  });
});
