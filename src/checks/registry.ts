import type { RuleId } from "../rules";
import {
  createdEntityId,
  entityIdMatchesPath,
  errorResponseShape,
  jsonContentType,
  notAServerError,
  odataTypePresence,
  responseReceived,
  responseSchemaConformance,
  sentMembersEchoed,
  statusCodeConformance,
} from "./responses";
import { createdEntityPatchable, createdIdsDistinct, partialUpdatePreservesMembers, rejectedWriteNotApplied, unknownIdNotCreated } from "./sequences";
import type { Check, CheckContext, CheckFailure, StepOutcome, TestCase } from "./types";

export type { Check, CheckContext, CheckFailure, StepOutcome, TestCase } from "./types";

/** Every check, by its stable id. A test case names the ones that judge it. */
export const checks: readonly Check[] = [
  responseReceived,
  notAServerError,
  statusCodeConformance,
  errorResponseShape,
  jsonContentType,
  responseSchemaConformance,
  odataTypePresence,
  entityIdMatchesPath,
  createdEntityId,
  sentMembersEchoed,
  partialUpdatePreservesMembers,
  createdEntityPatchable,
  createdIdsDistinct,
  unknownIdNotCreated,
  rejectedWriteNotApplied,
];

const byId = new Map(checks.map((check) => [check.id, check]));

export function findCheck(id: string): Check | undefined {
  return byId.get(id);
}

/**
 * The checks that judge a case of the rule: those that name it in their `rules`, in
 * registry order. Each check declares its rules once, so a case and the check list
 * cannot disagree.
 */
export function checksForRule(rule: RuleId): string[] {
  return checks.filter((check) => check.rules.includes(rule)).map((check) => check.id);
}

/** Runs the case's checks; every failure is reported under the case's rule. */
export function judge(context: CheckContext, testCase: TestCase, outcomes: readonly StepOutcome[]): CheckFailure[] {
  return testCase.checks.flatMap((id) => {
    const check = byId.get(id);
    if (!check) throw new Error(`test case ${testCase.id} names the unknown check ${id}`);
    return check.run(context, testCase, outcomes);
  });
}
