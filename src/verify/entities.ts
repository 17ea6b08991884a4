import { randomUUID } from "node:crypto";
import { UsageError } from "../exitCodes";
import type { HttpClient } from "../http/client";
import { providerStateOf, type ResourceTypeKey } from "../catalog";
import type { Exchange } from "../results/model";
import { stateCallsCarryToken, type Target } from "./target";

/**
 * The entities the PATCH checks write to: created through the target's state URL
 * (rules.md §5) or given with `--fixture` for a target without one.
 */

export interface HeldEntity {
  type: ResourceTypeKey;
  id: string;
  source: "provider-state" | "fixture";
}

export type StateAction = "setup" | "teardown";

/** The Pact state-change call of rules.md §5, through the one HTTP client. */
export function changeState(client: HttpClient, target: Target, state: string, params: Record<string, unknown>, action: StateAction): Promise<Exchange> {
  return client.send({
    method: "POST",
    url: target.stateUrl,
    headers: { "Content-Type": "application/json" },
    bearer: stateCallsCarryToken(target),
    body: JSON.stringify({ state, params, action }),
  });
}

export function stateChangeProblem(exchange: Exchange): string | undefined {
  if (!exchange.response) return exchange.error ?? "no response";
  const { status } = exchange.response;
  return status >= 200 && status < 300 ? undefined : `answered ${status}`;
}

/**
 * rules.md §5: a Pact verifier calls the state URL with the empty state for every
 * interaction without one (the POSTs), and the target must answer 2xx. The runner's
 * own Pact part has state handlers that never send it, so it is sent here once: a
 * state URL that refuses it would fail any standalone Pact verification.
 */
async function assertEmptyStateAccepted(client: HttpClient, target: Target): Promise<void> {
  const problem = stateChangeProblem(await changeState(client, target, "", {}, "setup"));
  if (problem) {
    throw new UsageError(`the state URL ${target.stateUrl} refused the empty state a Pact verifier sends for an interaction without one (${problem}); rules.md §5 asks for 2xx and no change`);
  }
}

/** Holds one entity per type; a state URL that cannot set one up, or refuses the empty state, makes the run impossible (exit 2). */
export async function provisionEntities(
  client: HttpClient,
  target: Target,
  types: readonly ResourceTypeKey[],
  fixtures: Partial<Record<ResourceTypeKey, string>>,
): Promise<Map<ResourceTypeKey, HeldEntity>> {
  const held = new Map<ResourceTypeKey, HeldEntity>();
  // Every setup is waited for, even after one failed: none may still be under way, or
  // succeed unseen and never be torn down, once the run has given up.
  const outcomes = await Promise.allSettled(
    types.map(async (type) => {
      const fixture = fixtures[type];
      if (fixture !== undefined) {
        held.set(type, { type, id: fixture, source: "fixture" });
        return;
      }
      const id = `gc-${randomUUID()}`;
      const state = providerStateOf(type);
      const problem = stateChangeProblem(await changeState(client, target, state, { id }, "setup"));
      if (problem) {
        throw new UsageError(`the state URL ${target.stateUrl} could not set up "${state}" (${problem}); give --state-url, or --fixture ${type}=<id of an existing entity>`);
      }
      held.set(type, { type, id, source: "provider-state" });
    }),
  );
  const failed = outcomes.find((outcome) => outcome.status === "rejected");
  let problem: unknown = failed?.reason;
  // After the named states, so a state URL that answers nothing is told it cannot set up an entity.
  if (!failed && [...held.values()].some((entity) => entity.source === "provider-state")) {
    problem = await assertEmptyStateAccepted(client, target).then(() => undefined, (error: unknown) => error);
  }
  if (problem) {
    await releaseEntities(client, target, held.values());
    throw problem;
  }
  return held;
}

/** Tears down what the state URL set up; a teardown that fails leaves a stray test entity, nothing worse. */
export async function releaseEntities(client: HttpClient, target: Target, held: Iterable<HeldEntity>): Promise<void> {
  await Promise.all(
    [...held].filter((entity) => entity.source === "provider-state").map((entity) => changeState(client, target, providerStateOf(entity.type), { id: entity.id }, "teardown")),
  );
}
