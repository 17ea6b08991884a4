import fs from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { validate as validateOpenApi } from "@readme/openapi-parser";
import { operations } from "../../src/catalog";
import { schemaRegistry } from "../../src/catalog";
import { componentName } from "../../src/openapi/components";
import { DEFAULT_SERVER } from "../../src/openapi/server";
import { COMMITTED_DOCUMENT, buildOpenApiDocument, renderOpenApiDocument, type GraphRunsDocument } from "../../src/openapi/document";

const projectRoot = path.resolve(__dirname, "../..");

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function asJson(document: GraphRunsDocument): { [key: string]: Json } {
  return JSON.parse(JSON.stringify(document)) as { [key: string]: Json };
}

function collectRefs(value: Json, refs: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => collectRefs(item, refs));
  else if (value !== null && typeof value === "object") {
    for (const [key, member] of Object.entries(value)) {
      if (key === "$ref" && typeof member === "string") refs.push(member);
      else collectRefs(member, refs);
    }
  }
  return refs;
}

function resolvePointer(document: Json, ref: string): Json | undefined {
  if (!ref.startsWith("#/")) return undefined;
  let node: Json | undefined = document;
  for (const raw of ref.slice(2).split("/")) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (node === null || typeof node !== "object" || Array.isArray(node) || !(key in node)) return undefined;
    node = node[key];
  }
  return node;
}

describe("the OpenAPI document", () => {
  const document = buildOpenApiDocument();
  const paths = document.paths ?? {};

  it("is OpenAPI 3.1 with the 2020-12 schema dialect, a default server and a global bearer scheme", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document.jsonSchemaDialect).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(document.servers).toEqual([{ url: DEFAULT_SERVER }]);
    expect(document.security).toEqual([{ bearerAuth: [] }]);
    expect(document.components?.securitySchemes?.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it.each(operations().map((operation) => [operation.id, operation] as const))("describes %s as the manifest does", (_id, operation) => {
    const method = operation.method.toLowerCase() as "patch" | "post";
    const described = paths[operation.path]?.[method];
    expect(described).toBeDefined();
    expect(described!.operationId).toBe(operation.id);
    expect(described!.requestBody).toEqual({
      required: true,
      content: { "application/json": { schema: { $ref: `#/components/schemas/${componentName(operation.requestSchema)}` } } },
    });
    const responses = described!.responses!;
    expect(responses[String(operation.successStatus)]).toMatchObject({
      content: { "application/json": { schema: { $ref: `#/components/schemas/${componentName(operation.responseSchema)}` } } },
    });
    const errorStatuses = operation.method === "PATCH" ? ["400", "401", "404", "413", "415"] : ["400", "401", "413", "415"];
    expect(Object.keys(responses).sort()).toEqual([String(operation.successStatus), ...errorStatuses].sort());
    expect(described!.tags).toEqual([operation.id.split(".")[0]]);
    expect(described!["x-graph-conformance-source-page"]).toEqual({ page: operation.page, pageNumber: operation.pageNumber });
    expect(described!["x-graph-conformance-inferred-path"]).toBe(operation.pathInferred);
    if (operation.method === "PATCH") {
      expect(described!.parameters).toEqual([expect.objectContaining({ name: "id", in: "path", required: true })]);
    } else {
      expect(described!.parameters).toBeUndefined();
    }
  });

  it("has no path the manifest does not have", () => {
    expect(Object.keys(paths).sort()).toEqual([...new Set(operations().map((operation) => operation.path))].sort());
  });

  it("answers every error with the Graph error schema", () => {
    for (const response of Object.values(document.components?.responses ?? {})) {
      expect(response).toMatchObject({ content: { "application/json": { schema: { $ref: "#/components/schemas/errors.graphError" } } } });
    }
  });

  it("embeds every schema with its urn: references rewritten to components that exist", () => {
    const json = asJson(document);
    const text = JSON.stringify(json);
    expect(text).not.toContain("urn:graph-conformance");
    expect(text).not.toContain('"$id"');
    const refs = collectRefs(json);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) expect({ ref, resolved: resolvePointer(json, ref) !== undefined }).toEqual({ ref, resolved: true });
  });

  it("renders open objects with an explicit empty additionalProperties schema", () => {
    const schemas = asJson(document).components as { schemas: Record<string, { additionalProperties?: Json }> };
    expect(schemas.schemas["types.industryData.runStatistics"]!.additionalProperties).toEqual({});
  });

  describe("its embedded schemas judge payloads as the schema registry does", () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: "urn:spec:openapi", components: asJson(document).components });
    const registry = schemaRegistry();
    const fullRun = { displayName: "d", startDateTime: "2026-01-01T00:00:00Z", status: "running", statistics: { rows: 1 } };
    const samples: [string, unknown][] = [
      ["requests/industryData.run.patch", { displayName: "x" }],
      ["requests/industryData.run.patch", { endDateTime: null, blockingError: null }],
      ["requests/industryData.run.patch", { statistics: { anything: [1, 2] } }],
      ["requests/industryData.run.patch", { id: "1" }],
      ["requests/industryData.run.patch", { bogus: 1 }],
      ["requests/industryData.run.patch", { startDateTime: null }],
      ["requests/industryData.run.patch", { startDateTime: "yesterday" }],
      ["requests/industryData.run.patch", { status: "paused" }],
      ["requests/industryData.run.patch", { "@odata.type": "#microsoft.graph.industryData.runGroup" }],
      ["requests/industryData.run.patch", { blockingError: { code: "x", details: [{ code: "y" }] } }],
      ["requests/industryData.runGroup.post", fullRun],
      ["requests/industryData.runGroup.post", { ...fullRun, id: "1" }],
      ["requests/industryData.runGroup.post", { ...fullRun, statistics: undefined }],
      ["requests/industryData.outgoingFlowRun.patch", { "@odata.type": "microsoft.graph.industryData.outgoingFlowRun" }],
      ["requests/identityGovernance.run.patch", { failedTasksCount: 2147483647, completedDateTime: "2026-01-01T00:00:00+02:00" }],
      ["requests/identityGovernance.run.patch", { failedTasksCount: 2147483648 }],
      ["requests/identityGovernance.run.patch", { failedTasksCount: 3.5 }],
      ["requests/identityGovernance.run.patch", { scheduledDateTime: null }],
      ["responses/industryData.runGroup", { ...fullRun, id: "1", "@odata.type": "#microsoft.graph.industryData.runGroup", extra: true }],
      ["responses/industryData.runGroup", { ...fullRun, id: "1" }],
      ["responses/industryData.run", { id: "1", "@odata.type": "#microsoft.graph.industryData.runGroup" }],
      ["errors/graphError", { error: { code: "BadRequest", message: "m", innerError: { date: "x" } } }],
      ["errors/graphError", { error: { code: "", message: "m" } }],
    ];

    it.each(samples.map(([schema, payload], index) => [index, schema, payload] as const))("sample %i against %s", (_index, schema, payload) => {
      const payloadAsSent = JSON.parse(JSON.stringify(payload)) as unknown;
      const embedded = ajv.getSchema(`urn:spec:openapi#/components/schemas/${componentName(schema)}`);
      expect(embedded).toBeDefined();
      expect(embedded!(payloadAsSent)).toBe(registry.validate(schema, payloadAsSent).valid);
    });

    it("the samples hold both verdicts", () => {
      const verdicts = new Set(samples.map(([schema, payload]) => registry.validate(schema, JSON.parse(JSON.stringify(payload))).valid));
      expect(verdicts).toEqual(new Set([true, false]));
    });
  });

  it("is the same bytes every time, and --server changes only the servers", () => {
    expect(renderOpenApiDocument(buildOpenApiDocument())).toBe(renderOpenApiDocument(document));
    const elsewhere = buildOpenApiDocument({ server: "https://graph.example.test/beta" });
    expect(elsewhere.servers).toEqual([{ url: "https://graph.example.test/beta" }]);
    expect({ ...elsewhere, servers: document.servers }).toEqual(document);
    expect(renderOpenApiDocument(document).endsWith("}\n")).toBe(true);
  });

  it("has an up-to-date committed copy (run npm run openapi when this fails)", () => {
    const committed = fs.readFileSync(path.join(projectRoot, COMMITTED_DOCUMENT), "utf8");
    if (committed !== renderOpenApiDocument(document)) throw new Error(`${COMMITTED_DOCUMENT} is stale: run npm run openapi`);
  });
});

describe("the OpenAPI validator (@readme/openapi-parser)", () => {
  it("finds the committed document valid", async () => {
    const committed = JSON.parse(fs.readFileSync(path.join(projectRoot, COMMITTED_DOCUMENT), "utf8")) as GraphRunsDocument;
    const result = await validateOpenApi(committed);
    expect(result).toMatchObject({ valid: true, specification: "OpenAPI" });
    expect(result.warnings).toEqual([]);
  });

  it("finds a document whose PATCH does not declare its {id} path parameter invalid", async () => {
    const broken = asJson(buildOpenApiDocument()) as { paths: Record<string, Record<string, Record<string, Json>>> };
    delete broken.paths["/process/runs/{id}"]!.patch!.parameters;
    const result = await validateOpenApi(broken as unknown as GraphRunsDocument);
    expect(result).toMatchObject({ valid: false, errors: [{ message: expect.stringContaining("missing path parameter(s) for `{id}`") }] });
  });

  it("finds a document with a reference to a missing component invalid", async () => {
    const broken = asJson(buildOpenApiDocument()) as { components: { schemas: Record<string, Json> } };
    delete broken.components.schemas["types.industryData.runStatistics"];
    const result = await validateOpenApi(broken as unknown as GraphRunsDocument);
    expect(result).toMatchObject({ valid: false, errors: [{ message: expect.stringContaining("types.industryData.runStatistics") }] });
  });
});
