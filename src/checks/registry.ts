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

/** Judged on every case: every answer is complete, none is a 5xx, each has its rule's status. */
export const ALWAYS = ["response_received", "not_a_server_error", "status_code_conformance"] as const;
/** Judged on a case that expects an entity back (rules P1–P10 and the valid writes around E1/E12). */
export const ENTITY_CHECKS = ["json_content_type", "response_schema_conformance", "odata_type_presence", "entity_id_matches_path", "created_entity_id", "sent_members_echoed"] as const;
/** Judged on a case of bad input (§4). */
export const ERROR_CHECKS = ["error_response_shape"] as const;

/** The checks a case's rule calls for, beyond `ALWAYS`. */
export function checksForRule(rule: RuleId): string[] {
  const sequence: Partial<Record<RuleId, string[]>> = {
    P2: ["partial_update_preserves_members"],
    P3: ["created_entity_patchable"],
    P4: ["created_ids_distinct"],
    E1: ["rejected_write_not_applied"],
    E9: ["unknown_id_not_created"],
    E12: ["rejected_write_not_applied"],
  };
  const family = rule.startsWith("P") ? ENTITY_CHECKS : rule === "E12" || rule === "E1" ? [...ERROR_CHECKS, ...ENTITY_CHECKS] : ERROR_CHECKS;
  return [...ALWAYS, ...family, ...(sequence[rule] ?? [])];
}

/** Runs the case's checks; every failure is reported under the case's rule. */
export function judge(context: CheckContext, testCase: TestCase, outcomes: readonly StepOutcome[]): CheckFailure[] {
  return testCase.checks.flatMap((id) => {
    const check = byId.get(id);
    if (!check) throw new Error(`test case ${testCase.id} names the unknown check ${id}`);
    return check.run(context, testCase, outcomes);
  });
}
