import { XMLParser, XMLValidator } from "fast-xml-parser";
import { renderJunit } from "../../src/report/junit";
import { passingRun, runResults } from "./fixtures";

interface Testcase {
  "@_name": string;
  "@_classname": string;
  "@_time": string;
  failure?: { "#text": string; "@_message": string; "@_type": string };
  error?: { "#text": string; "@_message": string };
  skipped?: { "@_message"?: string } | "";
}
interface Testsuite {
  "@_name": string;
  "@_tests": string;
  "@_failures": string;
  "@_skipped": string;
  properties: { property: { "@_name": string; "@_value": string }[] };
  testcase?: Testcase[];
}

function parse(xml: string): { "@_name": string; "@_tests": string; "@_failures": string; "@_errors": string; testsuite: Testsuite[] } {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({
    ignoreAttributes: false,
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    // Numeric character references are core XML (§4.1); the parser only decodes them with this on.
    htmlEntities: true,
    isArray: (name) => ["testsuite", "testcase", "property"].includes(name),
  });
  return parser.parse(xml).testsuites;
}

function suite(xml: string, name: string): Testsuite {
  const found = parse(xml).testsuite.find((candidate) => candidate["@_name"] === name);
  if (!found) throw new Error(`no testsuite ${name}`);
  return found;
}

describe("junit.xml", () => {
  const xml = renderJunit(runResults());

  it("is well-formed XML even with control characters and a lone surrogate from the server", () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toMatch(/[\u0000\u001b]/);
    expect(xml).toContain("connection reset\uFFFD \uFFFD[31mred");
  });

  it("has a testsuite per operation and totals on the root", () => {
    const root = parse(xml);
    expect(root.testsuite.map((candidate) => candidate["@_name"])).toEqual([
      "industryData.runGroup.create",
      "industryData.runGroup.update",
      "industryData.run.update",
      "identityGovernance.run.update",
    ]);
    expect([root["@_tests"], root["@_failures"], root["@_errors"]]).toEqual(["6", "3", "0"]);
    const run = suite(xml, "industryData.run.update");
    expect([run["@_tests"], run["@_failures"], run["@_skipped"]]).toEqual(["2", "1", "0"]);
    const properties = Object.fromEntries(run.properties.property.map((entry) => [entry["@_name"], entry["@_value"]]));
    expect(properties).toMatchObject({ seed: "1234", method: "PATCH", path: "/process/runs/{id}", entitySource: "provider-state" });
    expect(suite(xml, "industryData.runGroup.update").properties.property.find((entry) => entry["@_name"] === "pathInferred")?.["@_value"]).toBe(
      "page 000's HTTP request block is empty",
    );
  });

  it("names each testcase by rule id and name, with the operation as classname", () => {
    const cases = suite(xml, "industryData.run.update").testcase ?? [];
    expect(cases.map((testcase) => [testcase["@_name"], testcase["@_classname"]])).toEqual([
      ["P1 full body echoed", "industryData.run.update"],
      ["E4 status outside the enum", "industryData.run.update"],
    ]);
    expect(cases[0].failure).toBeUndefined();
    expect(cases[0]["@_time"]).toBe("0.012");
    const pactCases = suite(xml, "identityGovernance.run.update").testcase ?? [];
    expect(pactCases.map((testcase) => testcase["@_name"])).toEqual(["Pact E1 a PATCH without Authorization", "Pact a valid PATCH"]);
  });

  it("puts what was sent, expected and received in the failure text", () => {
    const failed = (suite(xml, "industryData.run.update").testcase ?? [])[1].failure;
    expect(failed?.["@_type"]).toBe("E4");
    expect(failed?.["@_message"]).toMatch(/^expected 400, got 200/);
    const text = failed?.["#text"] ?? "";
    expect(text).toContain('Expected:\n{\n  "status": 400\n}');
    expect(text).toContain('Received:\n{\n  "status": 200\n}');
    expect(text).toContain("Sent:\nPATCH http://127.0.0.1:4010/process/runs/r-1?access_token=");
    expect(text).toContain("authorization: Bearer ***");
    expect(text).toContain(`{"status":"bogus","displayName":"O'Brien"}`);
    expect(text).toContain('Came back:\nHTTP 200 (7 ms)\ncontent-type: application/json\n\n{"error":{"code":"badRequest","message":"<script>alert(1)</script>"}}');
    const transport = (suite(xml, "identityGovernance.run.update").testcase ?? [])[1].failure?.["#text"];
    expect(transport).toContain("Came back:\nno response: ECONNRESET");
  });

  it("marks skipped checks with <skipped/>", () => {
    const skipped = (suite(xml, "industryData.runGroup.create").testcase ?? [])[0];
    expect(skipped["@_name"]).toBe("P4 two POSTs give two ids");
    expect(skipped.skipped).toEqual({ "@_message": "skipped by --skip P4" });
    expect(skipped.failure).toBeUndefined();
  });

  it("has no failure and no error element for a passing run", () => {
    const passing = renderJunit(passingRun());
    expect(passing).not.toMatch(/<failure|<error/);
    expect(parse(passing)["@_failures"]).toBe("0");
  });

  it("marks an incomplete run: in the root name and with one errored testcase so CI does not show green", () => {
    const root = parse(renderJunit({ ...passingRun(), incomplete: "interrupted by SIGINT" }));
    expect(root["@_name"]).toBe("graph-conformance (INCOMPLETE: interrupted by SIGINT)");
    expect(root["@_errors"]).toBe("1");
    const run = root.testsuite.find((candidate) => candidate["@_name"] === "graph-conformance.run");
    expect(run?.testcase?.[0].error?.["@_message"]).toBe("run incomplete: interrupted by SIGINT");
    const withProperty = root.testsuite.filter((candidate) => candidate.properties?.property.some((entry) => entry["@_name"] === "incomplete"));
    expect(withProperty.length).toBe(4);
  });
});
