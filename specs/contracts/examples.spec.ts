import path from "node:path";
import { CONSUMER } from "../../src/contracts/interactions";
import { requestMembers } from "../../src/schemas/model";
import { labelOf, readContracts, regexRulesAt, type PactHttpInteraction } from "../../src/contracts/read";
import { findOperation, providerNames, resourceTypes, type Operation } from "../../src/catalog";
import type { RuleId } from "../../src/rules";
import { schemaRegistry } from "../../src/catalog";

// Reads the committed files as any runner would: the contracts and the schemas cannot drift apart.
const contracts = readContracts(path.resolve(__dirname, "../../contracts"));
const registry = schemaRegistry();

const statusOfRule: Partial<Record<RuleId, number>> = { P1: 200, P2: 200, P3: 201, E1: 401, E4: 400, E8: 400, E9: 404, E10: 400 };
const negativeBodyRules: RuleId[] = ["E4", "E8", "E10"];

interface Row {
  provider: string;
  interaction: PactHttpInteraction;
  rule: RuleId;
  operation: Operation;
}

const rows: Row[] = contracts.flatMap((contract) =>
  contract.interactions.map((interaction) => {
    const label = labelOf(interaction);
    if (!label) throw new Error(`${contract.file}: description does not name a rule and an operation: ${interaction.description}`);
    return { provider: contract.provider, interaction, rule: label.rule, operation: findOperation(label.operationId)! };
  }),
);

const pathId = (row: Row): string | undefined => {
  if (row.operation.method !== "PATCH") return undefined;
  const [prefix] = row.operation.path.split("{id}");
  return decodeURIComponent(row.interaction.request.path.slice(prefix.length));
};

describe("committed contracts", () => {
  it("hold one V4 contract per provider of the manifest, consumer graph-run-client", () => {
    expect(contracts.map((contract) => contract.provider).sort()).toEqual([...providerNames()].sort());
    for (const contract of contracts) {
      expect(contract.consumer).toBe(CONSUMER);
      expect(contract.specification).toBe("4.0");
      expect(path.basename(contract.file)).toBe(`${CONSUMER}-${contract.provider}.json`);
    }
  });

  it("give every interaction a unique description", () => {
    const descriptions = rows.map((row) => row.interaction.description);
    expect(new Set(descriptions).size).toBe(descriptions.length);
  });

  it("put each operation in its type's provider, with every rule the issue asks for", () => {
    for (const row of rows) expect(row.provider).toBe(resourceTypes()[row.operation.type].provider);
    for (const contract of contracts) {
      const operationIds = new Set(rows.filter((row) => row.provider === contract.provider).map((row) => row.operation.id));
      for (const operationId of operationIds) {
        const operation = findOperation(operationId)!;
        const rules = new Set(rows.filter((row) => row.operation.id === operationId).map((row) => row.rule));
        const wanted: RuleId[] = operation.method === "PATCH" ? ["P1", "P2", "E1", "E4", "E8", "E9"] : ["P3", "E1", "E4", "E8", "E10"];
        expect([...rules].sort()).toEqual(wanted.sort());
        const missingMembers = rows.filter((row) => row.operation.id === operationId && row.rule === "E10").map((row) => row.interaction.request.body?.content);
        for (const required of operation.requiredMembers) {
          expect(missingMembers.some((body) => !Object.hasOwn(body as object, required))).toBe(true);
        }
      }
    }
  });

  describe.each(rows.map((row) => [row.interaction.description, row] as const))("%s", (_description, row) => {
    const { interaction, rule, operation } = row;
    const { request, response } = interaction;
    const requestBody = request.body?.content;
    const responseBody = response.body?.content as Record<string, unknown>;

    it("sends a request body the request schema judges as the rule intends", () => {
      const result = registry.validate(operation.requestSchema, requestBody);
      if (negativeBodyRules.includes(rule)) {
        expect(result.valid).toBe(false);
        expect(result.violations.map((violation) => violation.rule)).toEqual(result.violations.map(() => rule));
      } else {
        expect(result.violations).toEqual([]);
      }
    });

    it("expects the rule's status and a response body valid against its schema", () => {
      expect(response.status).toBe(statusOfRule[rule]);
      const schema = response.status < 300 ? operation.responseSchema : "errors/graphError";
      expect(registry.validate(schema, responseBody).violations).toEqual([]);
    });

    it("sends a bearer token (except E1) and a JSON body", () => {
      expect(request.method).toBe(operation.method);
      expect(request.headers?.["Content-Type"]).toEqual(["application/json"]);
      if (rule === "E1") {
        expect(Object.keys(request.headers ?? {}).map((name) => name.toLowerCase())).not.toContain("authorization");
      } else {
        expect(request.headers?.Authorization).toEqual([expect.stringMatching(/^Bearer .+$/)]);
        expect(regexRulesAt(request, "header", "Authorization")).toEqual(["^Bearer .+$"]);
      }
    });

    it("names the entity of a PATCH in its provider state and path (rules.md §5), and none for E9 and POST", () => {
      const id = pathId(row);
      if (operation.method === "POST") {
        expect(request.path).toBe(operation.path);
        expect(interaction.providerStates ?? []).toEqual([]);
      } else if (rule === "E9") {
        expect(interaction.providerStates ?? []).toEqual([]);
        const createdIds = rows.flatMap((other) => other.interaction.providerStates ?? []).map((state) => state.params?.id);
        expect(createdIds).not.toContain(id);
      } else {
        expect(interaction.providerStates).toEqual([{ name: resourceTypes()[operation.type].providerState, params: { id } }]);
        expect(id).toMatch(/^[0-9a-f-]{36}$/);
      }
    });

    if (response.status < 300) {
      it("matches the entity no stricter than P1: date-times by any RFC 3339 form, @odata.type as the type requires, the rest exact", () => {
        expect(regexRulesAt(response, "header", "Content-Type")).toHaveLength(1);
        const shapes = new Map(requestMembers(registry, operation.requestSchema).map((member) => [member.name, member.shape]));
        const sent = requestBody as Record<string, unknown>;
        for (const [name, value] of Object.entries(sent)) {
          if (name === "@odata.type") continue;
          expect(responseBody[name]).toEqual(value);
          const rules = regexRulesAt(response, "body", `$.${name}`);
          if (shapes.get(name)?.kind === "dateTime") {
            expect(rules).toHaveLength(1);
            for (const form of ["2026-11-22T06:00:00.1234567+00:00", "2026-11-22T01:00:00-05:00", "2026-11-22t06:00:00z", String(value)]) {
              expect(form).toMatch(new RegExp(rules[0]));
            }
            expect("yesterday").not.toMatch(new RegExp(rules[0]));
          } else {
            expect(response.matchingRules?.body?.[`$.${name}`]).toBeUndefined();
          }
        }
        const type = resourceTypes()[operation.type];
        if (type.odataTypeRequiredInResponse) expect(responseBody["@odata.type"]).toBe(type.odataType);
        else expect(responseBody).not.toHaveProperty("@odata.type");
        if (operation.method === "PATCH") {
          expect(responseBody.id).toBe(pathId(row));
          expect(response.matchingRules?.body?.["$.id"]).toBeUndefined();
        } else {
          const [idRule] = regexRulesAt(response, "body", "$.id");
          expect("any server id").toMatch(new RegExp(idRule));
          expect("").not.toMatch(new RegExp(idRule));
        }
      });
    } else {
      it("matches the Graph error by shape: any non-empty code, any message string", () => {
        expect(regexRulesAt(response, "header", "Content-Type")).toHaveLength(1);
        const [codeRule] = regexRulesAt(response, "body", "$.error.code");
        for (const code of ["BadRequest", "Request_BadRequest", "invalid request\nsee details"]) expect(code).toMatch(new RegExp(codeRule));
        expect("").not.toMatch(new RegExp(codeRule));
        expect(response.matchingRules?.body?.["$.error.message"]?.matchers).toEqual([{ match: "type" }]);
      });
    }

    it("accepts a JSON Content-Type with or without parameters, and nothing else", () => {
      const [contentTypeRule] = regexRulesAt(response, "header", "Content-Type");
      for (const value of ["application/json", "application/json; charset=utf-8", "application/json;odata.metadata=minimal;charset=utf-8"]) {
        expect(value).toMatch(new RegExp(contentTypeRule));
      }
      for (const value of ["text/plain", "application/jsonp", "application/problem+json"]) expect(value).not.toMatch(new RegExp(contentTypeRule));
    });
  });
});
