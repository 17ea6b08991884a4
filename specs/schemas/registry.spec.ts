import { loadSchemaRegistry } from "../../src/schemas/registry";
import { schemaRegistry } from "../../src/catalog";
import { operations, resourceTypes } from "../../src/catalog";

describe("schema registry", () => {
  const registry = schemaRegistry();

  it("has schema files that each name their source page", () => {
    expect(registry.ids.length).toBeGreaterThanOrEqual(20);
    for (const id of registry.ids) {
      expect(String(registry.schema(id).description)).toMatch(/page \d{3}|rules\.md/);
    }
  });

  it("has every schema the operations manifest names", () => {
    for (const operation of operations()) {
      expect(() => registry.schema(operation.requestSchema)).not.toThrow();
      expect(() => registry.schema(operation.responseSchema)).not.toThrow();
    }
    for (const type of Object.values(resourceTypes())) expect(() => registry.schema(type.entitySchema)).not.toThrow();
  });

  it("accepts a partial PATCH body and a real Graph response with extra members", () => {
    expect(registry.validate("requests/industryData.run.patch", { status: "failed" })).toEqual({ valid: true, violations: [] });
    const response = {
      "@odata.context": "https://graph.microsoft.com/beta/$metadata#industryData/runGroups/$entity",
      "@odata.type": "#microsoft.graph.industryData.runGroup",
      id: "9947396f",
      displayName: "Nightly",
      startDateTime: "2026-11-22T06:00:00.1234567+00:00",
      endDateTime: null,
      status: "running",
      statistics: { anything: [1, 2] },
      memberNewerThanThePage: true,
    };
    expect(registry.validate("responses/industryData.runGroup", response).violations).toEqual([]);
  });

  it.each([
    ["status", "paused", "E4", "$.status"],
    ["displayName", 123, "E5", "$.displayName"],
    ["statistics", "x", "E5", "$.statistics"],
    ["startDateTime", "yesterday", "E7", "$.startDateTime"],
    ["endDateTime", "2026-13-45T99:00:00Z", "E7", "$.endDateTime"],
    ["startDateTime", null, "E13", "$.startDateTime"],
    ["colour", "red", "E8", "$.colour"],
    ["@odata.type", "#microsoft.graph.industryData.runGroup", "E11", '$["@odata.type"]'],
  ])("rejects %s = %p as %s at its path", (member, value, rule, path) => {
    const result = registry.validate("requests/industryData.run.patch", { [member]: value });
    expect(result.valid).toBe(false);
    expect(result.violations).toEqual([expect.objectContaining({ rule, path })]);
  });

  it.each([
    [2147483648, "E6"],
    [3.5, "E6"],
    ["3", "E5"],
  ])("rejects failedTasksCount = %p as %s", (value, rule) => {
    const result = registry.validate("requests/identityGovernance.run.patch", { failedTasksCount: value });
    expect(result.violations).toEqual([expect.objectContaining({ rule, path: "$.failedTasksCount" })]);
  });

  it("names each missing required member of a POST body", () => {
    const result = registry.validate("requests/industryData.runGroup.post", { displayName: "x" });
    expect(result.violations.map((violation) => [violation.path, violation.rule])).toEqual([
      ["$.startDateTime", "E10"],
      ["$.status", "E10"],
      ["$.statistics", "E10"],
    ]);
  });

  it.each([[[]], ["x"], [42], [null]])("rejects the body %p, not an object, as E14", (body) => {
    expect(registry.validate("requests/industryData.run.patch", body).violations).toEqual([expect.objectContaining({ rule: "E14", path: "$" })]);
  });

  it("compiles every shipped schema in strict mode (they compile when first used, so this is where a mistake shows)", () => {
    expect(registry.ids.length).toBeGreaterThan(20);
    for (const id of registry.ids) expect(() => registry.validate(id, {})).not.toThrow();
  });

  it("fails on first use of a shipped schema that strict mode refuses, naming it", () => {
    const fs = require("node:fs") as typeof import("node:fs");
    const dir = fs.mkdtempSync(require("node:path").join(require("node:os").tmpdir(), "schemas-"));
    fs.writeFileSync(`${dir}/loose.schema.json`, JSON.stringify({ $id: "urn:graph-conformance:schema:loose", type: "object", colour: "red" }));
    const loose = loadSchemaRegistry(dir);
    expect(loose.schema("loose")).toMatchObject({ colour: "red" });
    expect(() => loose.validate("loose", {})).toThrow(/urn:graph-conformance:schema:loose: .*colour/);
  });

  it("fails at load on a schema without a project $id", () => {
    const fs = require("node:fs") as typeof import("node:fs");
    const dir = fs.mkdtempSync(require("node:path").join(require("node:os").tmpdir(), "schemas-"));
    fs.writeFileSync(`${dir}/bad.schema.json`, JSON.stringify({ $id: "other", type: "object" }));
    expect(() => loadSchemaRegistry(dir)).toThrow(/must start with/);
  });
});

describe("schema registry resolve", () => {
  const registry = schemaRegistry();

  it("follows a $ref with a JSON pointer, by full $id or short name", () => {
    expect(registry.resolve("urn:graph-conformance:schema:types/primitives#/$defs/Int32")).toMatchObject({ type: "integer", maximum: 2147483647 });
    expect(registry.resolve("requests/industryData.runGroup.post#/properties/id")).toBe(false);
    expect(registry.resolve("enums/industryData.runStatus")).toMatchObject({ enum: expect.arrayContaining(["running"]) });
  });

  it("answers undefined for a ref that names nothing", () => {
    expect(registry.resolve("types/nothing")).toBeUndefined();
    expect(registry.resolve("types/industryData.run#/properties/colour")).toBeUndefined();
  });
});
