import { resourceTypes } from "../catalog";
import { ruleIds } from "../rules";
import type { Exchange } from "../results/model";
import { describeStatuses, expectsSuccess, failure, isJsonContentType, isSuccess, parseResponseBody, responseSummary, sentObject } from "./body";
import { dateTimeMembers, operationOf } from "./context";
import { echoDifferences } from "./echo";
import type { CaseStep, Check, CheckFailure, StepOutcome, TestCase } from "./types";
import { isObject } from "../isObject";

/**
 * Checks of single responses: each looks at every step's exchange on its own. A
 * step that was not sent, or got no response, is the business of `response_received`.
 */

// E1 and E12 cases hold valid writes too: the baseline and the probe around the rejected one.
const POSITIVE_RULES = ["P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9", "P10", "E1", "E12"] as const;
const ERROR_RULES = ["E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9", "E10", "E11", "E12", "E13", "E14"] as const;

interface Answered {
  index: number;
  step: CaseStep;
  exchange: Exchange & { response: NonNullable<Exchange["response"]> };
  pathId?: string;
}

function answered(testCase: TestCase, outcomes: readonly StepOutcome[]): Answered[] {
  const result: Answered[] = [];
  testCase.steps.forEach((step, index) => {
    const exchange = outcomes[index]?.exchange;
    if (exchange?.response) result.push({ index, step, exchange: exchange as Answered["exchange"], pathId: outcomes[index].pathId });
  });
  return result;
}

/** Successful answers to steps that expect success, with their body parsed as a JSON object. */
function successfulEntities(testCase: TestCase, outcomes: readonly StepOutcome[]): (Answered & { body: Record<string, unknown> })[] {
  return answered(testCase, outcomes).flatMap((item) => {
    if (!isSuccess(item.exchange.response.status) || !expectsSuccess(item.step)) return [];
    const parsed = parseResponseBody(item.exchange);
    return parsed.ok && isObject(parsed.value) ? [{ ...item, body: parsed.value }] : [];
  });
}

export const responseReceived: Check = {
  id: "response_received",
  title: "Every request gets a complete response (no timeout, reset or oversized body)",
  rules: ruleIds,
  run(_context, testCase, outcomes) {
    return testCase.steps.flatMap((step, index) => {
      const exchange = outcomes[index]?.exchange;
      if (!exchange?.error) return [];
      return [failure("response_received", testCase, index, `${step.purpose}: ${exchange.error}`, "a complete response", exchange.response ? responseSummary(exchange) : exchange.error)];
    });
  },
};

export const notAServerError: Check = {
  id: "not_a_server_error",
  title: "No request is answered with a 5xx",
  rules: ruleIds,
  run(_context, testCase, outcomes) {
    return answered(testCase, outcomes)
      .filter(({ exchange }) => exchange.response.status >= 500)
      .map(({ index, step, exchange }) =>
        failure("not_a_server_error", testCase, index, `${step.purpose}: answered ${exchange.response.status}; no request may get a 5xx`, "a status below 500", responseSummary(exchange)),
      );
  },
};

export const statusCodeConformance: Check = {
  id: "status_code_conformance",
  title: "Each request is answered with the status its rule demands",
  rules: ruleIds,
  run(_context, testCase, outcomes) {
    return answered(testCase, outcomes)
      // A 5xx is reported once, by not_a_server_error.
      .filter(({ step, exchange }) => exchange.response.status < 500 && !step.expectStatus.includes(exchange.response.status))
      .map(({ index, step, exchange }) =>
        failure(
          "status_code_conformance",
          testCase,
          index,
          `${step.purpose}: expected ${describeStatuses(step.expectStatus)}, got ${exchange.response.status}`,
          describeStatuses(step.expectStatus),
          responseSummary(exchange),
        ),
      );
  },
};

export const errorResponseShape: Check = {
  id: "error_response_shape",
  title: "Every 4xx carries Content-Type: application/json and the Graph error body",
  rules: ERROR_RULES,
  run(context, testCase, outcomes) {
    return answered(testCase, outcomes)
      .filter(({ exchange }) => exchange.response.status >= 400 && exchange.response.status < 500)
      .flatMap(({ index, step, exchange }) => {
        const failures: CheckFailure[] = [];
        const contentType = exchange.response.headers["content-type"];
        if (!isJsonContentType(contentType)) {
          failures.push(failure("error_response_shape", testCase, index, `${step.purpose}: the ${exchange.response.status} has Content-Type ${JSON.stringify(contentType ?? "(none)")}`, "application/json", contentType ?? null));
        }
        const parsed = parseResponseBody(exchange);
        if (!parsed.ok) {
          failures.push(failure("error_response_shape", testCase, index, `${step.purpose}: the ${exchange.response.status} body is not a Graph error: ${parsed.reason}`, '{"error": {"code", "message"}}', exchange.response.body));
        } else {
          const { violations } = context.schemas.validate("errors/graphError", parsed.value);
          if (violations.length > 0) {
            const reasons = violations.map((violation) => `${violation.path}: ${violation.message}`).join("; ");
            failures.push(failure("error_response_shape", testCase, index, `${step.purpose}: the ${exchange.response.status} body is not a Graph error: ${reasons}`, '{"error": {"code": "<non-empty>", "message": "<string>"}}', parsed.value));
          }
        }
        return failures;
      });
  },
};

export const jsonContentType: Check = {
  id: "json_content_type",
  title: "Every success answer has Content-Type: application/json",
  rules: POSITIVE_RULES,
  run(_context, testCase, outcomes) {
    return answered(testCase, outcomes)
      .filter(({ exchange }) => isSuccess(exchange.response.status) && !isJsonContentType(exchange.response.headers["content-type"]))
      .map(({ index, step, exchange }) => {
        const contentType = exchange.response.headers["content-type"];
        return failure("json_content_type", testCase, index, `${step.purpose}: the ${exchange.response.status} has Content-Type ${JSON.stringify(contentType ?? "(none)")}`, "application/json", contentType ?? null);
      });
  },
};

export const responseSchemaConformance: Check = {
  id: "response_schema_conformance",
  title: "Every success body validates against the type's response schema",
  rules: POSITIVE_RULES,
  run(context, testCase, outcomes) {
    return answered(testCase, outcomes)
      .filter(({ step, exchange }) => isSuccess(exchange.response.status) && expectsSuccess(step))
      .flatMap(({ index, step, exchange }) => {
        const operation = operationOf(step.operationId);
        const parsed = parseResponseBody(exchange);
        if (!parsed.ok) return [failure("response_schema_conformance", testCase, index, `${step.purpose}: ${parsed.reason}`, `a ${operation.responseSchema} body`, exchange.response.body)];
        const { violations } = context.schemas.validate(operation.responseSchema, parsed.value);
        if (violations.length === 0) return [];
        const reasons = violations.map((violation) => `${violation.path}: ${violation.message}`).join("; ");
        return [failure("response_schema_conformance", testCase, index, `${step.purpose}: the body does not match ${operation.responseSchema}: ${reasons}`, operation.responseSchema, parsed.value)];
      });
  },
};

export const odataTypePresence: Check = {
  id: "odata_type_presence",
  title: "A derived type (runGroup, outgoingFlowRun) names itself in @odata.type",
  rules: POSITIVE_RULES,
  run(_context, testCase, outcomes) {
    return successfulEntities(testCase, outcomes).flatMap(({ index, step, body }) => {
      const type = resourceTypes()[operationOf(step.operationId).type];
      if (!type.odataTypeRequiredInResponse || body["@odata.type"] === type.odataType) return [];
      return [failure("odata_type_presence", testCase, index, `${step.purpose}: @odata.type must be ${type.odataType} for a derived type`, type.odataType, body["@odata.type"] ?? null)];
    });
  },
};

export const entityIdMatchesPath: Check = {
  id: "entity_id_matches_path",
  title: "A PATCH answer's id is the id in the path",
  rules: POSITIVE_RULES,
  run(_context, testCase, outcomes) {
    return successfulEntities(testCase, outcomes)
      .filter(({ step, pathId, body }) => step.target !== undefined && pathId !== undefined && body.id !== pathId)
      .map(({ index, step, pathId, body }) => failure("entity_id_matches_path", testCase, index, `${step.purpose}: the answer's id is not the path id`, pathId, body.id ?? null));
  },
};

export const createdEntityId: Check = {
  id: "created_entity_id",
  title: "A POST answer carries a non-empty string id",
  rules: POSITIVE_RULES,
  run(_context, testCase, outcomes) {
    return successfulEntities(testCase, outcomes)
      .filter(({ step, body }) => step.target === undefined && !(typeof body.id === "string" && body.id.length > 0))
      .map(({ index, step, body }) => failure("created_entity_id", testCase, index, `${step.purpose}: the created entity has no non-empty string id`, "a non-empty string", body.id ?? null));
  },
};

export const sentMembersEchoed: Check = {
  id: "sent_members_echoed",
  title: "Every sent member is echoed (date-times as instants, objects by their sent members, text byte for byte)",
  rules: POSITIVE_RULES,
  run(context, testCase, outcomes) {
    return successfulEntities(testCase, outcomes).flatMap(({ index, step, body }) => {
      const sent = sentObject(step);
      if (!sent) return [];
      const differences = echoDifferences(sent, body, dateTimeMembers(context.schemas, step.operationId));
      return differences.map((difference) =>
        failure(
          "sent_members_echoed",
          testCase,
          index,
          difference.received === undefined
            ? `${step.purpose}: ${difference.path} was sent but is missing from the answer`
            : `${step.purpose}: ${difference.path} was sent as ${JSON.stringify(difference.sent)} and came back as ${JSON.stringify(difference.received)}`,
          difference.sent,
          difference.received ?? null,
        ),
      );
    });
  },
};
