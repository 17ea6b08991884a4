import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildOpenApiDocument, renderOpenApiDocument } from "../../src/openapi/document";
import { PROJECT_ROOT, runInProcess } from "../docs/cliHarness";

const fixturePact = path.join(PROJECT_ROOT, "specs/openapi/fixtures/compatible.pact.json");

describe("graph-conformance openapi", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "openapi-command-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("prints the document to standard output", async () => {
    const result = await runInProcess(["openapi"], { cwd: dir });
    expect(result).toEqual({ status: 0, stdout: renderOpenApiDocument(buildOpenApiDocument()), stderr: "" });
  });

  it("writes it to --out, creating the folder, with --server as its servers", async () => {
    const result = await runInProcess(["openapi", "--out", "nested/doc.json", "--server", "https://graph.example.test/beta"], { cwd: dir });
    expect(result).toEqual({ status: 0, stdout: "wrote nested/doc.json\n", stderr: "" });
    const written = fs.readFileSync(path.join(dir, "nested/doc.json"), "utf8");
    expect(written).toBe(renderOpenApiDocument(buildOpenApiDocument({ server: "https://graph.example.test/beta" })));
  });

  it("exits 2 with one line for a --server that is not an http(s) URL", async () => {
    for (const server of ["not a url", "ftp://graph.example.test"]) {
      const result = await runInProcess(["openapi", "--server", server], { cwd: dir });
      expect(result.status).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/^graph-conformance: --server must be (an absolute http\(s\) URL|http or https), got .*\n$/);
    }
  });

  it("exits 2 when --out cannot be written", async () => {
    fs.writeFileSync(path.join(dir, "file"), "");
    const result = await runInProcess(["openapi", "--out", "file/doc.json"], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^graph-conformance: cannot write file\/doc\.json: E[A-Z]+\n$/);
  });
});

describe("graph-conformance compare", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "compare-command-"));
    fs.mkdirSync(path.join(dir, "pacts"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("exits 0 and says so when every interaction is compatible with the generated document", async () => {
    fs.copyFileSync(fixturePact, path.join(dir, "pacts/fixture.json"));
    const result = await runInProcess(["compare", "--contracts", "pacts"], { cwd: dir });
    expect(result).toEqual({ status: 0, stdout: "compatible: 6 interaction(s) in 1 Pact file(s) against the generated OpenAPI document\n", stderr: "" });
  });

  it("exits 1 and prints each incompatibility with its interaction, place and reason", async () => {
    const pact = JSON.parse(fs.readFileSync(fixturePact, "utf8")) as { interactions: { request: { path: string } }[] };
    pact.interactions[0]!.request.path = "/industryData/runGroupz";
    fs.writeFileSync(path.join(dir, "pacts/broken.json"), JSON.stringify(pact));
    fs.writeFileSync(path.join(dir, "doc.json"), renderOpenApiDocument(buildOpenApiDocument()));
    const result = await runInProcess(["compare", "--openapi", "doc.json", "--contracts", "pacts"], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stdout.split("\n")).toEqual([
      'error request.path-or-method.unknown: pacts/broken.json: "create a runGroup" at [root].interactions[0].request.path (spec: [root].paths): Path or method not defined in spec file: POST /industryData/runGroupz',
      "incompatible: 1 error(s), 0 warning(s) in 6 interaction(s) in 1 Pact file(s) against doc.json",
      "",
    ]);
  });

  it("exits 2 for a missing document, a document that is not OpenAPI 3 or a folder without pacts", async () => {
    fs.writeFileSync(path.join(dir, "swagger.json"), JSON.stringify({ swagger: "2.0", paths: {} }));
    const cases: [string[], RegExp][] = [
      [["compare", "--openapi", "missing.json", "--contracts", "pacts"], /^graph-conformance: OpenAPI document missing\.json cannot be read \(ENOENT\)\n$/],
      [["compare", "--openapi", "swagger.json", "--contracts", "pacts"], /^graph-conformance: swagger\.json is not an OpenAPI 3 document/],
      [["compare", "--contracts", "pacts"], /^graph-conformance: no Pact files \(\*\.json\) in pacts\n$/],
    ];
    for (const [args, message] of cases) {
      const result = await runInProcess(args, { cwd: dir });
      expect({ args, status: result.status, stdout: result.stdout }).toEqual({ args, status: 2, stdout: "" });
      expect(result.stderr).toMatch(message);
    }
  });
});
