import { failure, isSuccess, parseResponseBody, sentObject } from "./body";
import { dateTimeMembers } from "./context";
import { describeReceived, echoDifferences } from "./echo";
import type { Check, CheckFailure, StepOutcome, TestCase } from "./types";
import { isObject } from "../isObject";

/**
 * Checks of a sequence of steps. There is no GET among the five operations, so
 * what a target holds is read from the answers of later writes: the entity a
 * PATCH returns shows the members that PATCH did not send.
 */

interface Entity {
  index: number;
  body: Record<string, unknown>;
}

/** The JSON object a step's 2xx answer carries; undefined when the step did not succeed. */
function entityAnswer(outcomes: readonly StepOutcome[], index: number): Entity | undefined {
  const exchange = outcomes[index]?.exchange;
  if (!exchange?.response || !isSuccess(exchange.response.status)) return undefined;
  const parsed = parseResponseBody(exchange);
  return parsed.ok && isObject(parsed.value) ? { index, body: parsed.value } : undefined;
}

/** Members of earlier successful steps that the given step did not send: their latest values. */
function carriedMembers(testCase: TestCase, outcomes: readonly StepOutcome[], upTo: number, steps: readonly number[]): Record<string, unknown> {
  const carried: Record<string, unknown> = {};
  for (const index of steps) {
    if (index >= upTo || !entityAnswer(outcomes, index)) continue;
    Object.assign(carried, sentObject(testCase.steps[index]) ?? {});
  }
  const last = sentObject(testCase.steps[upTo]) ?? {};
  for (const name of [...Object.keys(last), "@odata.type"]) delete carried[name];
  return carried;
}

export const partialUpdatePreservesMembers: Check = {
  id: "partial_update_preserves_members",
  title: "PATCH is partial: the answer of a later PATCH still shows the members only earlier PATCHes sent",
  rules: ["P2"],
  run(context, testCase, outcomes) {
    const patches = testCase.steps.flatMap((step, index) => (step.target?.kind === "entity" && isSuccess(step.expectStatus[0]) ? [index] : []));
    const last = patches.at(-1);
    if (last === undefined || patches.length < 2) return [];
    const answer = entityAnswer(outcomes, last);
    if (!answer) return [];
    const carried = carriedMembers(testCase, outcomes, last, patches);
    return echoDifferences(carried, answer.body, dateTimeMembers(context.schemas, testCase.steps[last].operationId)).map((difference) =>
      failure(
        "partial_update_preserves_members",
        testCase,
        last,
        `${difference.path} was set by an earlier PATCH and not sent again, yet the later answer shows ${describeReceived(difference)}`,
        difference.sent,
        difference.received ?? null,
      ),
    );
  },
};

export const createdEntityPatchable: Check = {
  id: "created_entity_patchable",
  title: "An entity a POST created can be PATCHed, and keeps the members the POST gave it",
  rules: ["P3"],
  run(context, testCase, outcomes) {
    return testCase.steps.flatMap((step, index) => {
      if (step.target?.kind !== "created") return [];
      const creation = entityAnswer(outcomes, step.target.step);
      if (!creation) return [];
      const outcome = outcomes[index];
      const status = outcome?.exchange?.response?.status;
      if (status === undefined) return [];
      if (!isSuccess(status)) {
        return [failure("created_entity_patchable", testCase, index, `the entity created with id ${JSON.stringify(creation.body.id)} could not be PATCHed: answered ${status}`, 200, status)];
      }
      const answer = entityAnswer(outcomes, index);
      if (!answer) return [];
      const carried = carriedMembers(testCase, outcomes, index, [step.target.step]);
      return echoDifferences(carried, answer.body, dateTimeMembers(context.schemas, step.operationId)).map((difference) =>
        failure(
          "created_entity_patchable",
          testCase,
          index,
          `${difference.path} was given by the POST and not sent by the PATCH, yet the PATCH answer shows ${describeReceived(difference)}`,
          difference.sent,
          difference.received ?? null,
        ),
      );
    });
  },
};

export const createdIdsDistinct: Check = {
  id: "created_ids_distinct",
  title: "Two POSTs create two entities with different ids",
  rules: ["P4"],
  run(_context, testCase, outcomes) {
    const seen = new Map<string, number>();
    const failures: CheckFailure[] = [];
    testCase.steps.forEach((step, index) => {
      if (step.target !== undefined) return;
      const id = entityAnswer(outcomes, index)?.body.id;
      if (typeof id !== "string") return;
      const earlier = seen.get(id);
      if (earlier !== undefined) {
        failures.push(failure("created_ids_distinct", testCase, index, `POST ${index + 1} created the id ${JSON.stringify(id)} that POST ${earlier + 1} already created`, "a new id", id));
      } else {
        seen.set(id, index);
      }
    });
    return failures;
  },
};

export const unknownIdNotCreated: Check = {
  id: "unknown_id_not_created",
  title: "A PATCH of an unknown id creates nothing: the id stays unknown",
  rules: ["E9"],
  run(_context, testCase, outcomes) {
    const first = new Map<string, number>();
    const failures: CheckFailure[] = [];
    testCase.steps.forEach((step, index) => {
      if (step.target?.kind !== "unknown") return;
      const earlier = first.get(step.target.id);
      if (earlier === undefined) {
        first.set(step.target.id, index);
        return;
      }
      const status = outcomes[index]?.exchange?.response?.status;
      if (status !== undefined && isSuccess(status)) {
        failures.push(
          failure("unknown_id_not_created", testCase, index, `a PATCH of the unknown id ${JSON.stringify(step.target.id)} created it: a second PATCH of the id answered ${status}`, 404, status),
        );
      }
    });
    return failures;
  },
};

export const rejectedWriteNotApplied: Check = {
  id: "rejected_write_not_applied",
  title: "A rejected write changes nothing: a later write's answer still shows the value from before it",
  rules: ["E1", "E12"],
  run(context, testCase, outcomes) {
    const facts = testCase.rejectedWrite;
    if (!facts) return [];
    const baseline = sentObject(testCase.steps[facts.baselineStep]);
    const rejected = outcomes[facts.rejectedStep]?.exchange?.response?.status;
    const probe = entityAnswer(outcomes, facts.probeStep);
    // Only a write that was rejected, between a baseline and a probe that both succeeded, says anything.
    if (!baseline || !entityAnswer(outcomes, facts.baselineStep) || rejected === undefined || isSuccess(rejected) || !probe) return [];
    const expected = { [facts.member]: baseline[facts.member] };
    return echoDifferences(expected, probe.body, dateTimeMembers(context.schemas, testCase.operationId)).map((difference) =>
      failure(
        "rejected_write_not_applied",
        testCase,
        facts.probeStep,
        `the write answered ${rejected} was applied anyway: ${difference.path} is ${describeReceived(difference)} instead of ${JSON.stringify(difference.sent)}`,
        difference.sent,
        difference.received ?? null,
      ),
    );
  },
};
