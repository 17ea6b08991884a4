import fs from "node:fs";
import path from "node:path";
import { parseDescription, type InteractionLabel } from "./description";

/** The parts of a Pact V4 HTTP interaction this project reads back (pact file format, not pact-js types). */
export interface PactHttpInteraction {
  description: string;
  type: string;
  providerStates?: { name: string; params?: Record<string, unknown> }[];
  request: PactHttpPart & { method: string; path: string };
  response: PactHttpPart & { status: number };
}

export interface PactHttpPart {
  headers?: Record<string, string[]>;
  body?: { content: unknown; contentType?: string; encoded?: boolean | string };
  matchingRules?: Partial<Record<"body" | "header" | "path", Record<string, { matchers: PactMatcher[] }>>>;
}

export interface PactMatcher {
  match: string;
  regex?: string;
}

export interface PactContract {
  file: string;
  consumer: string;
  provider: string;
  specification: string;
  interactions: PactHttpInteraction[];
}

/** Reads one pact file; throws with the file name when it is not a V4 pact of HTTP interactions. */
export function readContract(file: string): PactContract {
  const pact = JSON.parse(fs.readFileSync(file, "utf8")) as {
    consumer?: { name?: string };
    provider?: { name?: string };
    metadata?: { pactSpecification?: { version?: string } };
    interactions?: PactHttpInteraction[];
  };
  const specification = pact.metadata?.pactSpecification?.version;
  if (!pact.consumer?.name || !pact.provider?.name || !specification || !Array.isArray(pact.interactions)) {
    throw new Error(`${file}: not a pact file (consumer, provider, metadata.pactSpecification.version and interactions are required)`);
  }
  return { file, consumer: pact.consumer.name, provider: pact.provider.name, specification, interactions: pact.interactions };
}

/** Every `*.json` pact in a directory, by file name. */
export function readContracts(dir: string): PactContract[] {
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => readContract(path.join(dir, name)));
}

/** The rule and operation an interaction evidences, read from its description. */
export function labelOf(interaction: PactHttpInteraction): InteractionLabel | undefined {
  return parseDescription(interaction.description);
}

/** The regexes a part's matching rules put on one header or body path (`$.startDateTime`). */
export function regexRulesAt(part: PactHttpPart, category: "body" | "header", key: string): string[] {
  const rule = part.matchingRules?.[category]?.[key];
  return (rule?.matchers ?? []).filter((matcher) => matcher.match === "regex" && matcher.regex !== undefined).map((matcher) => matcher.regex!);
}
