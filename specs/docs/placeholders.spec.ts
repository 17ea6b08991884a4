import fs from "node:fs";
import path from "node:path";
import { parsePage } from "../../src/docs/parsePage";
import { placeholderKind, substitutePlaceholders } from "../../src/docs/placeholders";
import { SchemaNavigator } from "../../src/schemas/navigator";
import { schemaRegistry } from "../../src/catalog";

const registry = schemaRegistry();
const navigator = new SchemaNavigator(registry);

function substitute(schemaName: string, value: unknown) {
  return substitutePlaceholders(value, navigator.resolve(schemaName), navigator);
}

describe("ApiDoctor placeholders", () => {
  it("recognises the placeholder strings and nothing else", () => {
    expect(placeholderKind("String")).toBe("string");
    expect(placeholderKind("String (timestamp)")).toBe("timestamp");
    expect(placeholderKind("Integer")).toBe("integer");
    expect(placeholderKind("Boolean")).toBe("boolean");
    expect(placeholderKind("Nightly")).toBeUndefined();
    expect(placeholderKind("string")).toBeUndefined();
    expect(placeholderKind(3)).toBeUndefined();
  });

  it("replaces a fitting placeholder by a representative value of the declared type", () => {
    const { value, mismatches } = substitute("requests/identityGovernance.run.patch", {
      failedTasksCount: "Integer",
      completedDateTime: "String (timestamp)",
      processingStatus: "String",
      workflowExecutionType: "String",
    });
    expect(mismatches).toEqual([]);
    expect(value).toEqual({
      failedTasksCount: 0,
      completedDateTime: "2000-01-01T00:00:00Z",
      // The first enum member; never the unknownFutureValue sentinel.
      processingStatus: "queued",
      workflowExecutionType: "scheduled",
    });
  });

  it("reaches nested and nullable members through $ref, allOf and anyOf", () => {
    const { value, mismatches } = substitute("requests/industryData.runGroup.post", {
      endDateTime: "String (timestamp)",
      blockingError: { code: "String", details: [{ target: "String" }] },
      statistics: { anything: "Integer" },
    });
    expect(mismatches).toEqual([]);
    expect(value).toEqual({
      endDateTime: "2000-01-01T00:00:00Z",
      blockingError: { code: "x", details: [{ target: "x" }] },
      // runStatistics is open: its members have no declared type, so the placeholder stays.
      statistics: { anything: "Integer" },
    });
  });

  it("reports a placeholder whose kind does not fit the declared type, and leaves it in place", () => {
    const { value, mismatches } = substitute("requests/identityGovernance.run.patch", {
      failedTasksCount: "String",
      scheduledDateTime: "Boolean",
      processingStatus: "Integer",
    });
    expect(mismatches).toEqual([
      { path: ["failedTasksCount"], placeholder: "String", declared: "integer" },
      { path: ["scheduledDateTime"], placeholder: "Boolean", declared: "string (date-time)" },
      { path: ["processingStatus"], placeholder: "Integer", declared: 'one of "queued", "inProgress", "completed", "completedWithErrors", "canceled", "failed", "unknownFutureValue"' },
    ]);
    expect(value).toEqual({ failedTasksCount: "String", scheduledDateTime: "Boolean", processingStatus: "Integer" });
  });

  it("takes a timestamp placeholder only for a date-time, but String for any string", () => {
    expect(substitute("requests/industryData.run.patch", { displayName: "String (timestamp)" }).mismatches).toHaveLength(1);
    expect(substitute("requests/industryData.run.patch", { startDateTime: "String" })).toEqual({ value: { startDateTime: "2000-01-01T00:00:00Z" }, mismatches: [] });
  });

  it("leaves concrete values and unknown or forbidden members for ajv", () => {
    // A POST body may carry no id at all (rules.md §2), so "id": false there.
    const body = { displayName: "d", startDateTime: "2026-01-01T00:00:00Z", statistics: {}, status: "paused", colour: "String", id: "String" };
    const { value, mismatches } = substitute("requests/industryData.runGroup.post", body);
    expect(value).toEqual(body);
    expect(mismatches).toEqual([]);
    const violations = registry.validate("requests/industryData.runGroup.post", value).violations.map((violation) => `${violation.path} ${violation.rule}`);
    expect(violations.sort()).toEqual(["$.colour E8", "$.id E8", "$.status E4"]);
  });

  it("makes every example of the five pages with a body valid against its schema, truncation aside", () => {
    const root = path.resolve(__dirname, "../..");
    const checks: Array<[string, string, number]> = [
      ["apidocs/industrydata-run-update.md", "requests/industryData.run.patch", 0],
      ["apidocs/industrydata-run-update.md", "responses/industryData.run", 1],
      ["apidocs/identitygovernance-run-update.md", "requests/identityGovernance.run.patch", 0],
      ["apidocs/identitygovernance-run-update.md", "responses/identityGovernance.run", 1],
      ["apidocs/industrydata-rungroup-update.md", "responses/industryData.runGroup", 1],
      ["apidocs/industrydata-outgoingflowrun-update.md", "responses/industryData.outgoingFlowRun", 1],
    ];
    for (const [page, schemaName, index] of checks) {
      const parsed = parsePage(fs.readFileSync(path.join(root, page), "utf8"), page, page);
      const json = parsed.examples[index].message.body!.json;
      if (!json.ok) throw new Error(`${page}: example ${index} is not JSON`);
      const { value, mismatches } = substitute(schemaName, json.value);
      expect(mismatches).toEqual([]);
      const violations = registry.validate(schemaName, value).violations.filter((violation) => violation.keyword !== "required");
      expect({ page, schemaName, violations }).toEqual({ page, schemaName, violations: [] });
    }
  });
});
