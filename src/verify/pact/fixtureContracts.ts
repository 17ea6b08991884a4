import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { resourceTypes, type ResourceTypeKey } from "../../catalog";
import type { ContractFile } from "./contracts";
import { readContract } from "../../contracts/read";

/**
 * For a target without a state URL, the contracts' entity ids become the fixture
 * ids: in a copy of each Pact file, every occurrence of the id a provider state
 * names (the request path, the expected `id` in the response, the state's params)
 * is replaced by the fixture id of the state's type. An id no state names, like
 * E9's unknown one, is left as it is. The Verifier then checks the fixture entity
 * exactly as the contract checks its own.
 */


function replaceValues(value: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (typeof value === "string") return ids.get(value) ?? value;
  if (Array.isArray(value)) return value.map((item) => replaceValues(item, ids));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([name, member]) => [name, replaceValues(member, ids)]));
  }
  return value;
}

function replacePathSegments(requestPath: string, ids: ReadonlyMap<string, string>): string {
  return requestPath
    .split("/")
    .map((segment) => {
      const fixture = ids.get(decodeURIComponent(segment));
      return fixture === undefined ? segment : encodeURIComponent(fixture);
    })
    .join("/");
}

type RawInteraction = { providerStates?: { name?: unknown; params?: Record<string, unknown> }[]; request?: Record<string, unknown>; response?: Record<string, unknown> };

export function withFixtureIds(interaction: RawInteraction, fixtures: Partial<Record<ResourceTypeKey, string>>): RawInteraction {
  const ids = new Map<string, string>();
  for (const state of interaction.providerStates ?? []) {
    const type = Object.values(resourceTypes()).find((candidate) => candidate.providerState === String(state.name))?.key;
    const id = state.params?.id;
    const fixture = type === undefined ? undefined : fixtures[type];
    if (typeof id === "string" && fixture !== undefined) ids.set(id, fixture);
  }
  if (ids.size === 0) return interaction;
  const request = replaceValues(interaction.request, ids) as Record<string, unknown>;
  if (typeof interaction.request?.path === "string") request.path = replacePathSegments(interaction.request.path, ids);
  return {
    ...interaction,
    providerStates: replaceValues(interaction.providerStates, ids) as RawInteraction["providerStates"],
    request,
    response: replaceValues(interaction.response, ids) as Record<string, unknown>,
  };
}

/** Copies of the contracts with fixture ids, in a fresh temporary directory; `remove` deletes it. */
export function writeFixtureContracts(contracts: readonly ContractFile[], fixtures: Partial<Record<ResourceTypeKey, string>>): { directory: string; files: string[]; remove(): void } {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "graph-conformance-pacts-"));
  const files = contracts.map((contract) => {
    const { document, interactions } = readContract(contract.file);
    document.interactions = (interactions as unknown as RawInteraction[]).map((interaction) => withFixtureIds(interaction, fixtures));
    const file = path.join(directory, path.basename(contract.file));
    fs.writeFileSync(file, JSON.stringify(document));
    return file;
  });
  return { directory, files, remove: () => fs.rmSync(directory, { recursive: true, force: true }) };
}
