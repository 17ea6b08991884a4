import { formatJsonPath, parseJsonPath } from "../../src/schemas/jsonPath";
import { schemaRegistry } from "../../src/catalog";

describe("JSONPaths of schema violations", () => {
  it("round-trips the JSONPaths the schema registry writes", () => {
    for (const jsonPath of ["$", "$.a", '$.statistics["@odata.type"]', "$.details[0].code", '$["odd key"][12]']) {
      expect(formatJsonPath(parseJsonPath(jsonPath))).toBe(jsonPath);
    }
    expect(parseJsonPath('$.details[0]["@odata.type"]')).toEqual(["details", 0, "@odata.type"]);
  });

  it("names a member with pointer escapes or a numeric name by its own name", () => {
    const violations = schemaRegistry().validate("requests/industryData.run.patch", { "a/b~c": 1, "007": 2 }).violations;
    expect(violations.map((violation) => violation.path).sort()).toEqual(['$["007"]', '$["a/b~c"]']);
    for (const violation of violations) expect(formatJsonPath(parseJsonPath(violation.path))).toBe(violation.path);
  });
});
