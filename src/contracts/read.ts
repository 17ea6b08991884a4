import fs from "node:fs";
import path from "node:path";
import { parseDescription, type InteractionLabel } from "./description";
import { UsageError } from "../exitCodes";
import { isObject } from "../isObject";

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
  /** `metadata.pactSpecification.version`, when the file states it. */
  specification?: string;
  interactions: PactHttpInteraction[];
  /** The whole file as parsed, for a copy that changes only its interactions (--fixture). */
  document: Record<string, unknown>;
}

/**
 * Reads one pact file; a file that is not JSON or not a pact (consumer, provider,
 * interactions) is a UsageError (exit 2) naming it.
 */
export function readContract(file: string): PactContract {
  let document: unknown;
  try {
    document = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${file} is not a Pact file: ${code ? `it cannot be read (${code})` : `not JSON (${(error as Error).message})`}`);
  }
  const pact = (isObject(document) ? document : {}) as {
    consumer?: { name?: unknown };
    provider?: { name?: unknown };
    metadata?: { pactSpecification?: { version?: unknown } };
    interactions?: unknown;
  };
  const consumer = pact.consumer?.name;
  const provider = pact.provider?.name;
  if (typeof consumer !== "string" || typeof provider !== "string" || !Array.isArray(pact.interactions)) {
    throw new UsageError(`${file} is not a Pact file (consumer.name, provider.name and an interactions array are required)`);
  }
  const specification = pact.metadata?.pactSpecification?.version;
  return {
    file,
    consumer,
    provider,
    ...(typeof specification === "string" ? { specification } : {}),
    interactions: pact.interactions as PactHttpInteraction[],
    document: document as Record<string, unknown>,
  };
}

/**
 * Every `*.json` pact directly in `dir`, by file name: the one reader of pact files
 * (verify, compare, the fixture copies). A missing or unreadable directory, or one
 * without a pact, is a UsageError (exit 2); `shown` is how messages name it.
 */
export function readContracts(dir: string, shown: string = dir): PactContract[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((name) => name.endsWith(".json")).sort();
  } catch (error) {
    throw new UsageError(`the contracts directory ${shown} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (names.length === 0) throw new UsageError(`no Pact files (*.json) in ${shown}`);
  return names.map((name) => readContract(path.join(dir, name)));
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
