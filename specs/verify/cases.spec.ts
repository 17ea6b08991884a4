import { findCheck } from "../../src/checks/registry";
import { operations, resourceTypes, type Operation } from "../../src/catalog";
import { ruleIds, type RuleId } from "../../src/rules";
import { loadSchemaRegistry } from "../../src/schemas/registry";
import { ENUM_SENTINEL } from "../../src/schemas/model";
import { generateCases } from "../../src/verify/cases/generate";
import type { TestCase } from "../../src/checks/types";

const schemas = loadSchemaRegistry();

function allCases(seed: number, casesPerRule = 3): TestCase[] {
  return operations().flatMap((operation) => ruleIds.flatMap((rule) => generateCases(schemas, operation, rule, { seed, casesPerRule })));
}

function requestSchemaOf(operationId: string): string {
  return (operations().find((operation) => operation.id === operationId) as Operation).requestSchema;
}

describe("generateCases", () => {
  const cases = allCases(20260105);

  it("covers every rule P1–P10 and E1–E14 on some operation", () => {
    const covered = new Set(cases.map((testCase) => testCase.ruleId));
    expect(ruleIds.filter((rule) => !covered.has(rule))).toEqual([]);
  });

  it("is reproducible from its seed, and another seed draws other cases", () => {
    expect(allCases(20260105)).toEqual(cases);
    expect(JSON.stringify(allCases(7))).not.toEqual(JSON.stringify(cases));
  });

  it("draws a rule's cases from the rule's own seed, whatever else is generated", () => {
    const operation = operations()[2];
    expect(generateCases(schemas, operation, "E5", { seed: 5, casesPerRule: 4 })).toEqual(generateCases(schemas, operation, "E5", { seed: 5, casesPerRule: 4 }));
  });

  it("sends @odata.type with and without the leading '#', and no @odata.type, in every P5 case, even with one case per rule", () => {
    for (const operation of operations()) {
      const canonical = resourceTypes()[operation.type].odataType;
      for (const testCase of generateCases(schemas, operation, "P5", { seed: 11, casesPerRule: 1 })) {
        const sent = testCase.steps.map((step) => (step.body.kind === "json" ? (step.body.value as Record<string, unknown>)["@odata.type"] : "raw"));
        expect(sent).toEqual([canonical, canonical.slice(1), undefined]);
      }
    }
  });

  it("names only registered checks, each one meant for the case's rule", () => {
    for (const testCase of cases) {
      for (const id of testCase.checks) expect(findCheck(id)?.rules).toContain(testCase.ruleId);
    }
  });

  it("has every case judged for a complete, non-5xx answer of its status; a positive one for its entity, a bad-input one for its error body", () => {
    for (const testCase of cases) {
      const checks = { case: testCase.id, checks: testCase.checks };
      expect(checks).toEqual({ case: testCase.id, checks: expect.arrayContaining(["response_received", "not_a_server_error", "status_code_conformance"]) });
      const positive = testCase.ruleId.startsWith("P");
      const holdsValidWrites = positive || testCase.ruleId === "E1" || testCase.ruleId === "E12";
      expect({ case: testCase.id, echo: testCase.checks.includes("sent_members_echoed"), error: testCase.checks.includes("error_response_shape") }).toEqual({ case: testCase.id, echo: holdsValidWrites, error: !positive });
    }
    const sequenceCheck = (rule: string) => cases.find((testCase) => testCase.ruleId === rule)?.checks.at(-1);
    expect(["P2", "P3", "P4", "E1", "E9", "E12"].map(sequenceCheck)).toEqual([
      "partial_update_preserves_members",
      "created_entity_patchable",
      "created_ids_distinct",
      "rejected_write_not_applied",
      "unknown_id_not_created",
      "rejected_write_not_applied",
    ]);
  });

  it("sends valid bodies wherever a step expects success, never with the enum sentinel", () => {
    const successSteps = cases.flatMap((testCase) => testCase.steps.filter((step) => step.expectStatus.some((status) => status < 300)));
    expect(successSteps.length).toBeGreaterThan(100);
    for (const step of successSteps) {
      expect(step.body.kind).toBe("json");
      const body = step.body.kind === "json" ? step.body.value : undefined;
      expect({ step: step.purpose, violations: schemas.validate(requestSchemaOf(step.operationId), body).violations }).toEqual({ step: step.purpose, violations: [] });
      expect(JSON.stringify(body)).not.toContain(ENUM_SENTINEL);
    }
  });

  // The rules a schema decides: a faulty body must break exactly its case's rule.
  const schemaRules: RuleId[] = ["E4", "E5", "E6", "E7", "E8", "E10", "E11", "E13", "E14"];

  it.each(schemaRules)("gives each %s case a body whose one fault is of that rule", (rule) => {
    const ruleCases = cases.filter((testCase) => testCase.ruleId === rule);
    expect(ruleCases.length).toBeGreaterThan(0);
    for (const testCase of ruleCases) {
      const [step] = testCase.steps;
      expect(step.expectStatus).toEqual([400]);
      const body = step.body.kind === "json" ? step.body.value : undefined;
      // A PATCH body's id is refused for not being the path id, which the provider judges and no schema can (rules.md §2).
      if (rule === "E8" && step.target !== undefined && Object.hasOwn(body as object, "id")) continue;
      const rules = new Set<string>(schemas.validate(requestSchemaOf(step.operationId), body).violations.map((violation) => violation.rule));
      expect({ case: testCase.title, rules: [...rules].includes(rule) }).toEqual({ case: testCase.title, rules: true });
    }
  });

  it("always includes the examples rules.md names", () => {
    const titles = cases.map((testCase) => `${testCase.operationId} ${testCase.ruleId} ${testCase.title}`);
    expect(titles).toContain('industryData.run.update E5 displayName = 123');
    expect(titles).toContain('identityGovernance.run.update E5 failedTasksCount = "3"');
    expect(titles).toContain('industryData.run.update E5 statistics = "x"');
    expect(titles).toContain("identityGovernance.run.update E6 failedTasksCount = 2147483648");
    expect(titles).toContain("identityGovernance.run.update E6 successfulUsersCount = -2147483649");
    expect(titles).toContain('industryData.run.update E7 startDateTime = "yesterday"');
    expect(titles).toContain('industryData.run.update E7 startDateTime = "2026-03-01T10:00:00"');
    expect(titles).toContain('industryData.run.update P9 displayName = "Zürich ✓ 東京"');
    expect(titles).toContain("industryData.run.update E14 the body []");
  });

  it("sends malformed JSON for E2 and a text/plain body for E3", () => {
    for (const testCase of cases.filter((candidate) => candidate.ruleId === "E2")) {
      const body = testCase.steps[0].body;
      expect(body.kind).toBe("raw");
      if (body.kind === "raw") expect(() => JSON.parse(body.text)).toThrow();
    }
    for (const testCase of cases.filter((candidate) => candidate.ruleId === "E3")) {
      expect(testCase.steps[0].body).toMatchObject({ kind: "raw", contentType: "text/plain" });
      expect(testCase.steps[0].expectStatus).toEqual([400, 415]);
    }
  });

  it("builds E12 as baseline, rejected body with that member and one fault, then a probe of another member", () => {
    const e12 = cases.filter((testCase) => testCase.ruleId === "E12");
    expect(e12.length).toBeGreaterThan(0);
    for (const testCase of e12) {
      const facts = testCase.rejectedWrite!;
      const [baseline, rejected, probe] = testCase.steps.map((step) => (step.body.kind === "json" ? (step.body.value as Record<string, unknown>) : {}));
      expect(Object.keys(baseline)).toEqual([facts.member]);
      expect(rejected[facts.member]).not.toEqual(baseline[facts.member]);
      expect(Object.keys(rejected)).toHaveLength(2);
      expect(probe).not.toHaveProperty(facts.member);
      expect(schemas.validate(requestSchemaOf(testCase.operationId), rejected).valid).toBe(false);
    }
  });

  it("sends E1's rejected write without a usable Authorization and every other step with the token", () => {
    const e1 = cases.filter((candidate) => candidate.ruleId === "E1");
    for (const testCase of e1) {
      expect(testCase.steps.filter((step) => !step.authenticate).map((step) => step.expectStatus)).toEqual([[401]]);
    }
    // rules.md E1: no header, another scheme, an empty bearer token; each for every operation.
    for (const operationId of new Set(e1.map((testCase) => testCase.operationId))) {
      const sent = e1.filter((testCase) => testCase.operationId === operationId).map((testCase) => testCase.steps.find((step) => !step.authenticate)!.authorization);
      expect(new Set(sent)).toEqual(new Set([undefined, "Basic dXNlcjpwYXNz", "Bearer "]));
    }
    expect(cases.flatMap((testCase) => testCase.steps).filter((step) => step.authenticate && step.authorization !== undefined)).toEqual([]);
    expect(cases.filter((candidate) => candidate.ruleId !== "E1").every((testCase) => testCase.steps.every((step) => step.authenticate))).toBe(true);
  });

  it("sends the SDKs' read-modify-write (rules.md §2): one P1 and one P2 case per PATCH whose last PATCH carries the path id, no other step does", () => {
    const carrying = cases.filter((testCase) => testCase.steps.some((step) => step.withPathId));
    expect(new Set(carrying.map((testCase) => testCase.ruleId))).toEqual(new Set(["P1", "P2"]));
    for (const operation of operations().filter((candidate) => candidate.method === "PATCH")) {
      for (const rule of ["P1", "P2"]) {
        const ofRule = carrying.filter((testCase) => testCase.operationId === operation.id && testCase.ruleId === rule);
        expect(ofRule).toHaveLength(1);
        expect(ofRule[0].steps.map((step) => step.withPathId === true)).toEqual(rule === "P1" ? [true] : [false, true]);
      }
    }
  });

  it("sends an empty application/json body as E2's first case, and an id as an E8 case: another one than the path's, or any on the POST", () => {
    for (const operation of operations()) {
      const [empty] = generateCases(schemas, operation, "E2", { seed: 3, casesPerRule: 1 });
      expect(empty.steps[0].body).toEqual({ kind: "raw", text: "", contentType: "application/json" });
      const withId = generateCases(schemas, operation, "E8", { seed: 3, casesPerRule: 1 }).filter((testCase) => {
        const body = testCase.steps[0].body;
        return body.kind === "json" && Object.hasOwn(body.value as object, "id");
      });
      expect(withId).toHaveLength(1);
      expect(withId[0].steps[0].withPathId).toBeUndefined();
      expect(withId[0].steps[0].expectStatus).toEqual([400]);
    }
  });

  it("writes `--cases` generated cases per rule besides the documented examples", () => {
    const operation = operations().find((candidate) => candidate.id === "industryData.run.update")!;
    // P1 adds a case whose PATCH carries the path id (rules.md §2) and one sent with charset=utf-8, on top like documented examples.
    expect(generateCases(schemas, operation, "P1", { seed: 1, casesPerRule: 5 })).toHaveLength(5 + 2);
    expect(generateCases(schemas, operation, "E7", { seed: 1, casesPerRule: 5 })).toHaveLength(3 + 5);
    expect(generateCases(schemas, operation, "E7", { seed: 1, casesPerRule: 0 })).toHaveLength(3);
  });
});
