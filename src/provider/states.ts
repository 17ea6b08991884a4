import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { resourceTypes, type ResourceType } from "../catalog";
import type { ProviderBehaviour } from "./behaviour";
import { ProviderError } from "./errors";
import { PROVIDER_STATES_PATH } from "../rules";
import { refuseOtherMethods, sendJson } from "./routes";
import { sampleEntity } from "./samples";
import type { EntityStore } from "./store";

interface StateChange {
  /** Absent for an interaction without a provider state: nothing to set up or tear down. */
  type?: ResourceType;
  action: "setup" | "teardown";
  id: string | undefined;
}

/** The type each provider state sets up, read from the catalog in use. */
function typesByState(): Map<string, ResourceType> {
  return new Map(Object.values(resourceTypes()).flatMap((type) => (type.providerState === undefined ? [] : [[type.providerState, type] as const])));
}

function invalid(message: string): ProviderError {
  return new ProviderError("invalidProviderStateRequest", message);
}

/** Reads a Pact state-change body: `{"state", "params": {"id"}, "action"}`; `action` defaults to setup, as Pact's does. */
export function readStateChange(body: unknown): StateChange {
  if (body === null || typeof body !== "object" || Array.isArray(body)) throw invalid('the body must be a JSON object {"state", "params", "action"}');
  const { state, params, action = "setup" } = body as Record<string, unknown>;
  if (typeof state !== "string") throw invalid('"state" must be a string naming a provider state');
  if (action !== "setup" && action !== "teardown") throw invalid('"action" must be "setup" or "teardown"');
  // Pact verifiers call the state URL with an empty state for interactions that have none.
  if (state === "") return { action, id: undefined };
  const typeOfState = typesByState();
  const type = typeOfState.get(state);
  if (!type) {
    const known = [...typeOfState.keys()].map((name) => JSON.stringify(name)).join(", ");
    throw new ProviderError("unknownProviderState", `unknown provider state ${JSON.stringify(state)}; known states: ${known}`, "state");
  }
  if (params !== undefined && (params === null || typeof params !== "object" || Array.isArray(params))) throw invalid('"params" must be an object');
  const id = (params as Record<string, unknown> | undefined)?.id;
  if (id !== undefined && (typeof id !== "string" || id === "")) throw invalid('"params.id" must be a non-empty string');
  return { type, action, id };
}

/**
 * `POST <prefix>/_pact/provider-states`: setup holds a fresh sample entity of the
 * state's type under `params.id` (one is generated when no id is given, and
 * returned); setting up again resets it. Teardown removes it. The answer is
 * `{"id": "<id>"}`, which Pact can inject into the interaction.
 *
 * The endpoint is a test hook, not part of the Graph API, so it needs no
 * Authorization: a Pact verifier calls it without the headers the runner adds to contract requests.
 */
export function providerStateRoutes(app: FastifyInstance, { behaviour, store }: { behaviour: ProviderBehaviour; store: EntityStore }): void {
  app.route({
    method: "POST",
    url: PROVIDER_STATES_PATH,
    config: { public: true },
    handler(request: FastifyRequest, reply: FastifyReply): void {
      const { type, action, id: givenId } = readStateChange(request.body);
      if (!type) {
        sendJson(reply, behaviour, 200, "entity", {});
        return;
      }
      const id = givenId ?? randomUUID();
      if (action === "setup") store.put(type.key, sampleEntity(type.key, id));
      else store.delete(type.key, id);
      sendJson(reply, behaviour, 200, "entity", { id });
    },
  });
  refuseOtherMethods(app, PROVIDER_STATES_PATH, ["POST"], true);
}
