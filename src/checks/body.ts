import { KEPT_BODY_BYTES, type Exchange } from "../results/model";
import type { CaseStep, CheckFailure, TestCase } from "./types";
import { isObject } from "../isObject";

/** Helpers the checks share to read what came back and to report what is wrong; pure. */

export type JsonObject = Record<string, unknown>;

/** `application/json`, with parameters such as `charset` allowed (rules.md P1, §4). */
export function isJsonContentType(value: string | undefined): boolean {
  return value !== undefined && value.split(";")[0].trim().toLowerCase() === "application/json";
}

export type ParsedBody = { ok: true; value: unknown } | { ok: false; reason: string };

export function parseResponseBody(exchange: Exchange): ParsedBody {
  const response = exchange.response;
  if (!response) return { ok: false, reason: "no response" };
  if (response.bodyTruncated) return { ok: false, reason: `the body is too large to judge (${response.bodyBytes ?? "more than"} bytes; the runner keeps ${KEPT_BODY_BYTES})` };
  if (response.body.trim() === "") return { ok: false, reason: "the body is empty" };
  try {
    return { ok: true, value: JSON.parse(response.body) };
  } catch (error) {
    return { ok: false, reason: `the body is not JSON (${(error as Error).message})` };
  }
}

/** The JSON object a step sent, when it sent one. */
export function sentObject(step: CaseStep): JsonObject | undefined {
  return step.body.kind === "json" && isObject(step.body.value) ? step.body.value : undefined;
}

export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

export function expectsSuccess(step: CaseStep): boolean {
  return step.expectStatus.some(isSuccess);
}

export function describeStatuses(statuses: readonly number[]): string {
  return statuses.join(" or ");
}

/**
 * What came back, in one value for a failure's `actual`: the status and the body
 * (JSON when it parses). A body too large to judge is named by its size only: the
 * exchange beside the failure keeps its first part, and a second copy would double
 * every report against a target that answers huge bodies.
 */
export function responseSummary(exchange: Exchange): unknown {
  if (!exchange.response) return { error: exchange.error };
  if (exchange.response.bodyTruncated) {
    return { status: exchange.response.status, contentType: exchange.response.headers["content-type"], body: `(${exchange.response.bodyBytes ?? "more than"} bytes: too large to judge; the exchange keeps the first ${KEPT_BODY_BYTES})` };
  }
  const parsed = parseResponseBody(exchange);
  return {
    status: exchange.response.status,
    contentType: exchange.response.headers["content-type"],
    body: parsed.ok ? parsed.value : exchange.response.body,
  };
}

/** A failure of `check` at a step, reported under the case's rule. */
export function failure(check: string, testCase: TestCase, step: number, message: string, expected?: unknown, actual?: unknown): CheckFailure {
  return {
    checkId: check,
    ruleId: testCase.ruleId,
    operationId: testCase.operationId,
    step,
    message,
    ...(expected === undefined ? {} : { expected }),
    ...(actual === undefined ? {} : { actual }),
  };
}
