import type { OperationId } from "../catalog";
import type { Exchange } from "../results/model";
import type { RuleId } from "../rules";
import type { SchemaRegistry } from "../schemas/registry";

/**
 * The data a check judges. A test case is plain data (what to send, what to
 * expect); the runner sends it and hands each check the case and what came back.
 * Checks never send anything, so the same check judges a live target, an
 * in-process app or exchanges crafted by hand in a spec.
 */

/** Which entity a PATCH step addresses. */
export type EntityRef =
  /** The entity the runner holds for the operation's type (provider state or `--fixture`). */
  | { kind: "entity" }
  /** An id that no entity has (rule E9). */
  | { kind: "unknown"; id: string }
  /** The entity an earlier POST step of the same case created (rule P3). */
  | { kind: "created"; step: number };

export type StepBody =
  /** Sent as `JSON.stringify(value)` with `Content-Type: application/json`, or `contentType` (a JSON media type with parameters). */
  | { kind: "json"; value: unknown; contentType?: string }
  /** Sent as is: malformed JSON (E2), a text/plain body (E3). */
  | { kind: "raw"; text: string; contentType: string };

export interface CaseStep {
  operationId: OperationId;
  /** PATCH steps only. */
  target?: EntityRef;
  body: StepBody;
  /** False only where a rule is about a missing or unusable Authorization header (E1). */
  authenticate: boolean;
  /** With `authenticate` false: an Authorization header sent instead of none (E1: another scheme, an empty bearer token). */
  authorization?: string;
  /**
   * The body also carries the path id as its `id`, as an official Graph SDK sends a
   * model it read before (rules.md §2). The id is known only when the step is sent;
   * the checks judge it by `entity_id_matches_path`, not as a sent member.
   */
  withPathId?: boolean;
  /** The statuses that keep the rule; the first is the one named in messages. */
  expectStatus: readonly number[];
  /** Why the step is sent, in a few words ("baseline write", "the faulty body"). */
  purpose: string;
}

/** Facts a sequence check needs beyond the steps themselves. */
export interface RejectedWriteFacts {
  /** The member the rejected step tried to change. */
  member: string;
  /** The step that set the member's value before the rejected one. */
  baselineStep: number;
  rejectedStep: number;
  /** The later valid write whose response must still show the baseline value. */
  probeStep: number;
}

export interface TestCase {
  /** Stable within a seed: `<operation id>/<rule id>/<index>`. */
  id: string;
  operationId: OperationId;
  ruleId: RuleId;
  /** What the case tries, in one line ("status = \"paused\"", "displayName non-ASCII"). */
  title: string;
  steps: readonly CaseStep[];
  /** Ids of the checks that judge this case, see src/checks/registry.ts. */
  checks: readonly string[];
  rejectedWrite?: RejectedWriteFacts;
}

/** One step as the runner carried it out. */
export interface StepOutcome {
  /** Absent when the step was not sent; then `notSent` says why. */
  exchange?: Exchange;
  notSent?: string;
  /** The id in the path of a PATCH step, as sent. */
  pathId?: string;
}

export interface CheckContext {
  schemas: SchemaRegistry;
}

/** A broken rule, as a value: what a reporter shows and a user acts on. */
export interface CheckFailure {
  checkId: string;
  ruleId: RuleId;
  operationId: OperationId;
  /** Index of the step whose exchange shows the failure. */
  step?: number;
  message: string;
  expected?: unknown;
  actual?: unknown;
}

export interface Check {
  /** Stable, snake_case, as configuration and reports name it. */
  id: string;
  title: string;
  /** The rules whose cases this check judges (rules.md §3–4). */
  rules: readonly RuleId[];
  run(context: CheckContext, testCase: TestCase, outcomes: readonly StepOutcome[]): CheckFailure[];
}
