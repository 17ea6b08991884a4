import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { UsageError } from "../../src/exitCodes";
import { compareContracts, formatFinding, readOpenApiFile, readPactDirectory, type CompareReport, type PactFile } from "../../src/openapi/compare";
import { COMMITTED_DOCUMENT, buildOpenApiDocument } from "../../src/openapi/document";

const projectRoot = path.resolve(__dirname, "../..");
const fixtureDir = path.join(__dirname, "fixtures");

interface FixtureInteraction {
  description: string;
  request: { method: string; path: string; body?: { content: Record<string, unknown> } };
  response: { status: number; body?: { content: Record<string, unknown> } };
}

function fixturePact(): { interactions: FixtureInteraction[] } & Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(fixtureDir, "compatible.pact.json"), "utf8")) as { interactions: FixtureInteraction[] } & Record<string, unknown>;
}

/** The fixture pact with only the named interaction, changed by `change`. */
function brokenPact(description: string, change: (interaction: FixtureInteraction) => void): PactFile {
  const pact = fixturePact();
  const interaction = pact.interactions.find((candidate) => candidate.description === description);
  if (!interaction) throw new Error(`no fixture interaction "${description}"`);
  change(interaction);
  return { file: "broken.pact.json", pact: { ...pact, interactions: [interaction] } };
}

function errorsOf(report: CompareReport): { code: string; pactLocation: string }[] {
  return report.findings.filter((finding) => finding.severity === "error").map(({ code, pactLocation }) => ({ code, pactLocation }));
}

function explain(report: CompareReport): string {
  return report.findings.map(formatFinding).join("\n");
}

describe("compareContracts (PactFlow's openapi-pact-comparator)", () => {
  const document = buildOpenApiDocument();

  it("finds the fixture pact compatible: POST, PATCH with open statistics, offsets, nulls, Int32 max, 401, 404, 400", async () => {
    const report = await compareContracts(document, readPactDirectory(fixtureDir, projectRoot));
    expect(report.interactions).toBe(6);
    expect({ compatible: report.compatible, findings: explain(report) }).toEqual({ compatible: true, findings: "" });
  });

  it("flags a member in a 200 response that the document does not declare", async () => {
    const pact = brokenPact("update an identityGovernance run", (interaction) => {
      interaction.response.body!.content.workflowOwner = "someone";
    });
    const report = await compareContracts(document, [pact]);
    expect(report.compatible).toBe(false);
    expect(errorsOf(report)).toEqual([{ code: "response.body.incompatible", pactLocation: "[root].interactions[0].response.body" }]);
    expect(formatFinding(report.findings[0]!)).toContain('"update an identityGovernance run"');
    expect(formatFinding(report.findings[0]!)).toContain("workflowOwner");
  });

  it("flags a request member the document rejects (rule E8) in an interaction expecting success", async () => {
    const pact = brokenPact("update an identityGovernance run", (interaction) => {
      interaction.request.body!.content.description = "not a member";
    });
    const report = await compareContracts(document, [pact]);
    expect(errorsOf(report)).toEqual([{ code: "request.body.incompatible", pactLocation: "[root].interactions[0].request.body" }]);
  });

  it("flags a wrongly typed request member in an interaction expecting success", async () => {
    const pact = brokenPact("update an identityGovernance run", (interaction) => {
      interaction.request.body!.content.failedTasksCount = "3";
    });
    const report = await compareContracts(document, [pact]);
    expect(errorsOf(report)).toEqual([{ code: "request.body.incompatible", pactLocation: "[root].interactions[0].request.body.failedTasksCount" }]);
  });

  // rules.md §2: a PATCH body may carry the path id (an SDK's read-modify-write). The
  // document types it as a string; that it equals the path id no schema can say, so
  // the provider checks it (E8) and the comparator cannot.
  it("accepts an id in a PATCH body, which only the provider can compare with the path", async () => {
    const pact = brokenPact("update an identityGovernance run", (interaction) => {
      interaction.request.body!.content.id = "wf-2";
    });
    const report = await compareContracts(document, [pact]);
    expect(errorsOf(report)).toEqual([]);
  });

  it("flags a path the document does not have", async () => {
    const pact = brokenPact("update an identityGovernance run", (interaction) => {
      interaction.request.path = "/workflowBase/workflows/wf-1";
    });
    const report = await compareContracts(document, [pact]);
    expect(errorsOf(report)).toEqual([{ code: "request.path-or-method.unknown", pactLocation: "[root].interactions[0].request.path" }]);
  });

  it("flags a status the operation does not document", async () => {
    const pact = brokenPact("update an unknown outgoingFlowRun", (interaction) => {
      interaction.response.status = 409;
    });
    const report = await compareContracts(document, [pact]);
    expect(errorsOf(report)).toEqual([{ code: "response.status.unknown", pactLocation: "[root].interactions[0].response.status" }]);
  });

  it("flags an error body that is not the Graph error shape", async () => {
    const pact = brokenPact("update an unknown outgoingFlowRun", (interaction) => {
      interaction.response.body = { content: { message: "not found" } };
    });
    const report = await compareContracts(document, [pact]);
    expect(report.compatible).toBe(false);
    expect(errorsOf(report).every((error) => error.code === "response.body.incompatible")).toBe(true);
  });

  it("finds the committed contracts/ compatible with the committed document", async () => {
    const openapi = readOpenApiFile(COMMITTED_DOCUMENT, projectRoot);
    const report = await compareContracts(openapi, readPactDirectory("contracts", projectRoot));
    expect(report.files.length).toBeGreaterThanOrEqual(2);
    expect(report.interactions).toBeGreaterThan(0);
    expect({ compatible: report.compatible, findings: explain(report) }).toEqual({ compatible: true, findings: "" });
  });
});

describe("reading the comparator's inputs", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "openapi-compare-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("refuses a directory without Pact files, a file that is not JSON and one without interactions", () => {
    expect(() => readPactDirectory(dir, projectRoot)).toThrow(new UsageError(`no Pact files (*.json) in ${dir}`));
    fs.writeFileSync(path.join(dir, "a.json"), "{");
    expect(() => readPactDirectory(dir, projectRoot)).toThrow(/a\.json is not a Pact file: not JSON/);
    fs.writeFileSync(path.join(dir, "a.json"), "{}");
    expect(() => readPactDirectory(dir, projectRoot)).toThrow(/a\.json is not a Pact file/);
    expect(() => readPactDirectory(path.join(dir, "missing"), projectRoot)).toThrow(/the contracts directory .*missing cannot be read \(ENOENT\)/);
  });

  it("refuses a JSON file that is not an OpenAPI 3 document", () => {
    fs.writeFileSync(path.join(dir, "swagger.json"), JSON.stringify({ swagger: "2.0", paths: {} }));
    expect(() => readOpenApiFile("swagger.json", dir)).toThrow(new UsageError("swagger.json is not an OpenAPI 3 document (no \"openapi\": \"3.x\" and \"paths\")"));
  });
});
