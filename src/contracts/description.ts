import { findOperation, type OperationId } from "../catalog";
import { isRuleId, type RuleId } from "../rules";

/**
 * An interaction's description carries its metadata, since the description is the
 * one field every Pact verifier and broker keeps: `<rule> <operation id>: <what>`,
 * e.g. `P1 industryData.run.update: a full valid body is answered 200 …`.
 */
export interface InteractionLabel {
  rule: RuleId;
  operationId: OperationId;
  what: string;
}

const DESCRIPTION_PATTERN = /^([PE]\d+) ([\w.]+): (.+)$/s;

export function formatDescription(label: InteractionLabel): string {
  return `${label.rule} ${label.operationId}: ${label.what}`;
}

/** Reads a description back; undefined when it does not name a known rule and operation. */
export function parseDescription(description: string): InteractionLabel | undefined {
  const match = DESCRIPTION_PATTERN.exec(description);
  if (!match) return undefined;
  const [, rule, operationId, what] = match;
  const operation = findOperation(operationId);
  if (!isRuleId(rule) || !operation) return undefined;
  return { rule, operationId: operation.id, what };
}
