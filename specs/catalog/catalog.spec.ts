import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildCatalog, catalog, useCatalog } from "../../src/catalog";
import { loadOperationsFile } from "../../src/catalog/operationsFile";
import { UsageError } from "../../src/exitCodes";
import { verify } from "../../src/runner";
import { ruleIds } from "../../src/rules";
import { PROJECT_ROOT, runInProcess } from "../docs/cliHarness";

const EXAMPLE = path.join(PROJECT_ROOT, "examples/education/operations.json");

afterEach(() => useCatalog());

describe("the built-in catalog, read from the schemas", () => {
  const built = buildCatalog();

  it("derives the resource types' facts that the manifest no longer states", () => {
    const types = built.types;
    expect(Object.keys(types).sort()).toEqual(["identityGovernance.run", "industryData.outgoingFlowRun", "industryData.run", "industryData.runGroup"]);
    // P1: the derived types' response schemas require @odata.type; the base types' do not.
    expect(Object.values(types).filter((type) => type.odataTypeRequiredInResponse).map((type) => type.key).sort()).toEqual(["industryData.outgoingFlowRun", "industryData.runGroup"]);
    expect(types["industryData.run"]).toMatchObject({
      odataType: "#microsoft.graph.industryData.run",
      namespace: "microsoft.graph.industryData",
      entitySchema: "urn:graph-conformance:schema:types/industryData.run",
      nullableMembers: ["endDateTime", "blockingError"],
      providerState: "an industryData run exists",
      provider: "graph-beta-industryData",
    });
    expect(types["identityGovernance.run"].nullableMembers).toEqual(["completedDateTime", "lastUpdatedDateTime", "startedDateTime"]);
    expect(types["industryData.runGroup"].nullableMembers).toEqual(["endDateTime", "blockingError"]);
  });

  it("derives each operation's type, success status and required members", () => {
    const create = built.operations.find((operation) => operation.id === "industryData.runGroup.create")!;
    expect(create).toMatchObject({ type: "industryData.runGroup", successStatus: 201, requiredMembers: ["displayName", "startDateTime", "status", "statistics"] });
    for (const operation of built.operations.filter((candidate) => candidate.method === "PATCH")) {
      expect(operation).toMatchObject({ successStatus: 200, requiredMembers: [] });
    }
  });

  it("builds a sample entity of every type from its schema, valid against it", () => {
    for (const type of Object.values(built.types)) {
      const sample = { id: "sample-id", ...built.model.sampleEntity(type.entitySchema) };
      expect(built.schemas.validate(type.responseSchema, { "@odata.type": type.odataType, ...sample }).violations).toEqual([]);
    }
  });
});

describe("an operations file (--operations)", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "gc-operations-"));
    fs.cpSync(path.dirname(EXAMPLE), dir, { recursive: true });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const file = () => path.join(dir, "operations.json");
  const edit = (change: (document: { operations: Record<string, unknown>[]; schemas?: string[] }) => void) => {
    const document = JSON.parse(fs.readFileSync(file(), "utf8"));
    change(document);
    fs.writeFileSync(file(), JSON.stringify(document));
  };
  const refusal = (): string => {
    try {
      loadOperationsFile(file());
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      return (error as Error).message;
    }
    throw new Error("the file was accepted");
  };

  it("adds the worked example's operation with the facts its schemas state", () => {
    const added = loadOperationsFile(file());
    expect(added.operations.map((operation) => operation.id)).toEqual([...buildCatalog().operations.map((operation) => operation.id), "education.class.update"]);
    expect(added.types.educationClass).toMatchObject({
      odataType: "#microsoft.graph.educationClass",
      namespace: "microsoft.graph",
      odataTypeRequiredInResponse: false,
      nullableMembers: ["description", "classCode", "externalId", "externalName", "grade"],
      providerState: "an educationClass exists",
      provider: "graph-beta-education",
    });
    expect(added.operations.at(-1)!.pageFile).toBe(path.join(dir, "educationclass-update.md"));
  });

  it("loads schemas that $ref the shipped ones by $id", () => {
    edit((document) => {
      const type = path.join(dir, "schemas/educationClass.type.schema.json");
      const schema = JSON.parse(fs.readFileSync(type, "utf8"));
      schema.properties.capacity = { $ref: "urn:graph-conformance:schema:types/primitives#/$defs/Int32" };
      fs.writeFileSync(type, JSON.stringify(schema));
      document.operations[0].id = "education.class.update";
    });
    const shape = loadOperationsFile(file()).model.requestMembers("urn:example:education:schema:requests/educationClass.patch").find((member) => member.name === "capacity")?.shape;
    expect(shape).toEqual({ kind: "int32", nullable: false });
  });

  it.each([
    ["a missing field", (document: { operations: Record<string, unknown>[] }) => delete document.operations[0].provider, /operations\[0\] \(education\.class\.update\): missing field provider$/],
    ["an unknown field", (document: { operations: Record<string, unknown>[] }) => (document.operations[0].requiredMembers = ["x"]), /operations\[0\] \(education\.class\.update\): unknown field requiredMembers$/],
    ["an unreadable schema", (document: { operations: Record<string, unknown>[] }) => (document.operations[0].requestSchema = "schemas/missing.json"), /operations\[0\] \(education\.class\.update\): schema .*missing\.json cannot be read \(ENOENT\)$/],
    ["a page that does not exist", (document: { operations: Record<string, unknown>[] }) => (document.operations[0].page = "missing.md"), /operations\[0\] \(education\.class\.update\): page missing\.md does not exist/],
    ["a PATCH path without {id}", (document: { operations: Record<string, unknown>[] }) => (document.operations[0].path = "/education/classes"), /operations\[0\] \(education\.class\.update\): a PATCH path must contain \{id\}/],
    ["an id that clashes", (document: { operations: Record<string, unknown>[] }) => (document.operations[0].id = "industryData.run.update"), /operations\[0\] \(industryData\.run\.update\): the operation id industryData\.run\.update is taken$/],
    ["an odataType the schema contradicts", (document: { operations: Record<string, unknown>[] }) => (document.operations[0].odataType = "#microsoft.graph.educationSchool"), /odataType #microsoft\.graph\.educationSchool differs from #microsoft\.graph\.educationClass/],
    ["a providerState on a POST", (document: { operations: Record<string, unknown>[] }) => Object.assign(document.operations[0], { method: "POST", path: "/education/classes" }), /a POST creates its entity and takes no providerState/],
    ["a POST whose type has no PATCH", (document: { operations: Record<string, unknown>[] }) => { Object.assign(document.operations[0], { method: "POST", path: "/education/classes" }); delete document.operations[0].providerState; }, /type educationClass has no PATCH operation/],
    ["a state another type has", (document: { operations: Record<string, unknown>[] }) => (document.operations[0].providerState = "an industryData run exists"), /provider state "an industryData run exists" is already the state of type industryData.run/],
  ])("refuses %s, naming the file and the entry", (_what, change, message) => {
    edit(change);
    const text = refusal();
    expect(text.startsWith(`--operations ${file()}`)).toBe(true);
    expect(text).toMatch(message);
    expect(text).not.toContain("\n");
  });

  it("refuses a schema with a relative $ref, naming the file", () => {
    const patch = path.join(dir, "schemas/educationClass.patch.schema.json");
    const schema = JSON.parse(fs.readFileSync(patch, "utf8"));
    schema.allOf = [{ $ref: "educationClass.type.schema.json" }];
    fs.writeFileSync(patch, JSON.stringify(schema));
    expect(refusal()).toMatch(/schema .*educationClass\.patch\.schema\.json has the \$ref "educationClass\.type\.schema\.json": refer to schemas by their absolute \$id/);
  });

  it("refuses a schema whose member the suite cannot build values for, naming the member", () => {
    const type = path.join(dir, "schemas/educationClass.type.schema.json");
    const schema = JSON.parse(fs.readFileSync(type, "utf8"));
    schema.properties.website = { type: "string", format: "uri" };
    fs.writeFileSync(type, JSON.stringify(schema));
    expect(refusal()).toMatch(/operations\[0\] \(education\.class\.update\): .*website: strings with a format other than date-time/);
  });

  it("exits 2 from every command with one line for a bad file, and the built-in catalog is back for the next run", async () => {
    edit((document) => delete document.operations[0].page);
    for (const command of [["verify"], ["serve"], ["lint-docs"], ["openapi"], ["contracts", "--out", "out"], ["publish"], ["compare"], ["validate", "x", "request", "-"]]) {
      const result = await runInProcess([...command, "--operations", file()], { cwd: dir });
      expect(result).toEqual({ status: 2, stdout: "", stderr: `graph-conformance: --operations ${file()}: operations[0] (education.class.update): missing field page\n` });
    }
    expect(catalog().operations).toHaveLength(5);
  });

  it("is taken from GRAPH_CONFORMANCE_OPERATIONS and from the config file's operations key, relative to that file", async () => {
    const fromEnv = await runInProcess(["validate", "education.class.update", "request", "-"], { cwd: dir, stdin: '{"grade": null}', env: { GRAPH_CONFORMANCE_OPERATIONS: file() } });
    expect(fromEnv.stdout).toMatch(/^stdin: valid \(education\.class\.update request/m);
    fs.mkdirSync(path.join(dir, "ci"));
    fs.writeFileSync(path.join(dir, "ci/graph-conformance.config.json"), JSON.stringify({ operations: "../operations.json" }));
    const fromConfig = await runInProcess(["validate", "education.class.update", "request", "-", "--config", "ci/graph-conformance.config.json"], { cwd: dir, stdin: '{"grade": 7}' });
    expect(fromConfig).toMatchObject({ status: 1, stdout: expect.stringMatching(/\$\.grade/) });
  });

  it("adds the operation to OpenAPI, the lint run and the written contracts", async () => {
    const openapi = await runInProcess(["openapi", "--operations", file()], { cwd: dir });
    expect(JSON.parse(openapi.stdout).paths["/education/classes/{id}"].patch.operationId).toBe("education.class.update");
    const lint = await runInProcess(["lint-docs", "--operations", file()], { cwd: dir });
    expect(lint.stdout).toMatch(/in 6 pages\n$/);
    const written = await runInProcess(["contracts", "--operations", file(), "--out", "out"], { cwd: dir });
    expect(written.stdout).toContain("wrote out/graph-run-client-graph-beta-education.json");
    const pact = JSON.parse(fs.readFileSync(path.join(dir, "out/graph-run-client-graph-beta-education.json"), "utf8"));
    expect(pact.interactions.map((interaction: { description: string }) => interaction.description)).toEqual(expect.arrayContaining([expect.stringContaining("education.class.update")]));
  });
});

describe("verify with an operations file", () => {
  jest.setTimeout(60_000);

  it("checks the added operation by every rule and its Pact interactions, against the embedded provider", async () => {
    const results = await verify({ operations: EXAMPLE, only: ["education.class.update"], seed: 7 });
    const added = results.checks.filter((check) => check.operationId === "education.class.update");
    expect(added.length).toBeGreaterThan(50);
    expect(added.filter((check) => check.status !== "passed")).toEqual([]);
    // Every rule of a PATCH but those about member kinds an educationClass has none of:
    // P3, P4, E10 are the POST's; P7, E7 need a date-time member, P8, E6 an Int32.
    const notApplicable = ["P3", "P4", "E10", "P7", "E7", "P8", "E6"];
    expect(new Set(added.map((check) => check.ruleId))).toEqual(new Set(ruleIds.filter((rule) => !notApplicable.includes(rule))));
    expect(added.some((check) => check.source === "pact")).toBe(true);
    expect(results.checks.every((check) => check.operationId === "education.class.update")).toBe(true);
  });
});
