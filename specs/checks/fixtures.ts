import type { CaseStep, StepOutcome, TestCase } from "../../src/checks/types";
import type { Exchange } from "../../src/results/model";
import { loadSchemaRegistry } from "../../src/schemas/registry";

/** Crafted exchanges for the check specs: no server, just what one would have answered. */

export const context = { schemas: loadSchemaRegistry() };

export function answer(status: number, body: unknown, contentType = "application/json; charset=utf-8"): Exchange {
  return {
    request: { method: "PATCH", url: "http://127.0.0.1:1/process/runs/run-1", headers: { authorization: "Bearer ***" } },
    response: { status, headers: { "content-type": contentType }, body: typeof body === "string" ? body : JSON.stringify(body), durationMs: 1 },
  };
}

export function patchStep(body: unknown, expectStatus: number[] = [200], operationId: CaseStep["operationId"] = "industryData.run.update"): CaseStep {
  return { operationId, target: { kind: "entity" }, body: { kind: "json", value: body }, authenticate: true, expectStatus, purpose: "the PATCH" };
}

export function postStep(body: unknown, expectStatus: number[] = [201]): CaseStep {
  return { operationId: "industryData.runGroup.create", body: { kind: "json", value: body }, authenticate: true, expectStatus, purpose: "the POST" };
}

export function testCase(steps: CaseStep[], overrides: Partial<TestCase> = {}): TestCase {
  return { id: "spec/P1/0", operationId: steps[0].operationId, ruleId: "P1", title: "crafted", steps, checks: [], ...overrides };
}

export function outcome(exchange: Exchange, pathId = "run-1"): StepOutcome {
  return { exchange, pathId };
}

export const runEntity = {
  id: "run-1",
  displayName: "Nightly",
  startDateTime: "2026-01-05T08:00:00Z",
  endDateTime: null,
  status: "running",
  statistics: {},
};

export const runGroupEntity = { "@odata.type": "#microsoft.graph.industryData.runGroup", ...runEntity, id: "group-1" };
