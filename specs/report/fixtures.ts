import type { CheckResult, Exchange, RunResults } from "../../src/results/model";

/** A token with characters that change under URL, JSON, markup and shell escaping. */
export const TOKEN = "tok_S3cr3t+/=&<x>'q\"9";
export const HOSTILE_BODY = '{"error":{"code":"badRequest","message":"<script>alert(1)</script>"}}';

const jsonHeaders = { "content-type": "application/json" };

function patchExchange(url: string, body: string, status: number, responseBody: string, extraRequestHeaders: Record<string, string> = {}): Exchange {
  return {
    request: { method: "PATCH", url, headers: { ...jsonHeaders, authorization: "Bearer ***", ...extraRequestHeaders }, body },
    response: { status, headers: jsonHeaders, body: responseBody, durationMs: 7 },
  };
}

export function passingCheck(): CheckResult {
  return {
    id: "industryData.run.update/P1/0",
    source: "conformance",
    operationId: "industryData.run.update",
    ruleId: "P1",
    name: "full body echoed",
    status: "passed",
    exchanges: [patchExchange("http://127.0.0.1:4010/process/runs/r-1", '{"displayName":"Nightly"}', 200, '{"id":"r-1","displayName":"Nightly"}')],
    durationMs: 12,
  };
}

/** An enum check the server failed, whose error body carries script and, carelessly, the token. */
export function hostileFailure(): CheckResult {
  return {
    id: "industryData.run.update/E4/0",
    source: "conformance",
    operationId: "industryData.run.update",
    ruleId: "E4",
    name: "status outside the enum",
    status: "failed",
    message: `expected 400, got 200 (server said: token ${TOKEN} accepted)`,
    expected: { status: 400 },
    actual: { status: 200 },
    exchanges: [
      patchExchange(`http://127.0.0.1:4010/process/runs/r-1?access_token=${encodeURIComponent(TOKEN)}`, '{"status":"bogus","displayName":"O\'Brien"}', 200, HOSTILE_BODY, {
        "x-debug": Buffer.from(TOKEN).toString("base64"),
        // A runner bug that forgot to redact: the reporters must still not print it.
        "proxy-authorization": `Bearer ${TOKEN}`,
      }),
    ],
    durationMs: 9,
  };
}

export function echoFailure(): CheckResult {
  return {
    id: "industryData.runGroup.update/P1/0",
    source: "conformance",
    operationId: "industryData.runGroup.update",
    ruleId: "P1",
    name: "every sent member echoed",
    status: "failed",
    message: "the response does not echo status",
    expected: { displayName: "A", status: "completed", statistics: { rows: 3 } },
    actual: '{"displayName":"A","status":"running","statistics":{"rows":3},"extra":true}',
    exchanges: [
      patchExchange(
        "http://127.0.0.1:4010/industryData/runGroups/g-1",
        '{"displayName":"A","status":"completed","statistics":{"rows":3}}',
        200,
        '{"displayName":"A","status":"running","statistics":{"rows":3},"extra":true}',
      ),
    ],
    durationMs: 5,
  };
}

export function skippedCheck(): CheckResult {
  return {
    id: "industryData.runGroup.create/P4/0",
    source: "conformance",
    operationId: "industryData.runGroup.create",
    ruleId: "P4",
    name: "two POSTs give two ids",
    status: "skipped",
    message: "skipped by --skip P4",
    exchanges: [],
    durationMs: 0,
  };
}

export function pactPass(): CheckResult {
  return {
    id: "pact/E1 identityGovernance.run.update: no Authorization",
    source: "pact",
    operationId: "identityGovernance.run.update",
    ruleId: "E1",
    name: "a PATCH without Authorization",
    status: "passed",
    exchanges: [
      {
        request: { method: "PATCH", url: "http://127.0.0.1:4010/workflowBase/runs/w-1", headers: jsonHeaders, body: "{}" },
        response: { status: 401, headers: jsonHeaders, body: '{"error":{"code":"unauthenticated","message":"no token"}}', durationMs: 3 },
      },
    ],
    durationMs: 4,
  };
}

/** A transport failure whose message holds control characters (illegal in XML, dangerous on a terminal). */
export function transportFailure(): CheckResult {
  return {
    id: "pact/identityGovernance.run.update: a valid PATCH",
    source: "pact",
    operationId: "identityGovernance.run.update",
    name: "a valid PATCH",
    status: "failed",
    message: "connection reset\u0000 \u001b[31mred\u001b[0m \uD800",
    exchanges: [
      {
        request: { method: "PATCH", url: "http://127.0.0.1:4010/workflowBase/runs/w-1", headers: { ...jsonHeaders, authorization: "Bearer ***" }, body: '{"failedTasksCount":0}' },
        error: "ECONNRESET",
      },
    ],
    durationMs: 2,
  };
}

export function allChecks(): CheckResult[] {
  return [passingCheck(), hostileFailure(), echoFailure(), skippedCheck(), pactPass(), transportFailure()];
}

export function runResults(overrides: Partial<RunResults> = {}): RunResults {
  return {
    tool: { name: "graph-conformance", version: "0.1.0" },
    target: {
      baseUrl: "http://127.0.0.1:4010",
      embedded: true,
      stateUrl: "http://127.0.0.1:4010/_pact/provider-states",
      operations: [
        { operationId: "industryData.runGroup.create", method: "POST", path: "/industryData/runGroups", entitySource: "created" },
        {
          operationId: "industryData.runGroup.update",
          method: "PATCH",
          path: "/industryData/runGroups/{id}",
          inferredBecause: "page 000's HTTP request block is empty",
          entitySource: "provider-state",
        },
        { operationId: "industryData.run.update", method: "PATCH", path: "/process/runs/{id}", entitySource: "provider-state" },
        { operationId: "identityGovernance.run.update", method: "PATCH", path: "/workflowBase/runs/{id}", entitySource: "fixture" },
      ],
    },
    startedAt: "2026-05-01T10:00:00.000Z",
    finishedAt: "2026-05-01T10:00:02.500Z",
    durationMs: 2500,
    seed: 1234,
    casesPerRule: 5,
    checks: allChecks(),
    ...overrides,
  };
}

export function passingRun(): RunResults {
  return runResults({ checks: [passingCheck(), pactPass()] });
}
