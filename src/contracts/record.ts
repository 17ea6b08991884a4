import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
// Deep imports: the package root also loads the Verifier, whose ESM-only proxy agent Jest cannot require.
import * as MatchersV3 from "@pact-foundation/pact/src/v3/matchers";
import { PactV4 } from "@pact-foundation/pact/src/v4";
import { getFfiLib } from "@pact-foundation/pact-core";
import type { ProviderName } from "../catalog";
import type { SchemaRegistry } from "../schemas/registry";
import { CONSUMER, contractInteractions, type ContractInteraction } from "./interactions";
import { providerNames } from "../catalog";

/** What the consumer's HTTP client saw. */
export interface Exchange {
  status: number;
  contentType: string | null;
  body: unknown;
}

export function contractFileName(provider: ProviderName): string {
  return `${CONSUMER}-${provider}.json`;
}

/** The consumer's HTTP client: sends an interaction's example request with Node's fetch, as a real client would. */
export async function sendExampleRequest(baseUrl: string, interaction: ContractInteraction): Promise<Exchange> {
  const { method, path: requestPath, headers, body } = interaction.request;
  const response = await fetch(baseUrl + requestPath, {
    method,
    headers: MatchersV3.reify(headers) as Record<string, string>,
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get("content-type"), body: text === "" ? undefined : JSON.parse(text) };
}

/** The answer the client expects: the response's example values. */
export function expectedExchange(interaction: ContractInteraction): { status: number; body: unknown } {
  return { status: interaction.response.status, body: MatchersV3.reify(interaction.response.body) };
}

/** Why an exchange is not the one the interaction describes, or undefined when it is. */
export function exchangeMismatch(interaction: ContractInteraction, exchange: Exchange): string | undefined {
  const expected = expectedExchange(interaction);
  if (exchange.status !== expected.status) return `expected status ${expected.status}, got ${exchange.status}`;
  if (!isDeepStrictEqual(exchange.body, expected.body)) return `expected body ${JSON.stringify(expected.body)}, got ${JSON.stringify(exchange.body)}`;
  return undefined;
}

const MATCH_RECORD_TIMEOUT_MS = 2000;

/**
 * pact-core's mock server answers before it records the match (on another task), so
 * pact-js can read "expected but not received" for a request that was matched and
 * answered (pact-foundation/pact-core-mock-server#13). Waits, bounded, until the
 * match is recorded; a real mismatch still fails, only later.
 */
async function awaitRecordedMatch(port: number): Promise<void> {
  const deadline = Date.now() + MATCH_RECORD_TIMEOUT_MS;
  while (!getFfiLib().pactffiMockServerMatched(port) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export function newContractPact(provider: ProviderName, dir: string): PactV4 {
  return new PactV4({ consumer: CONSUMER, provider, dir, logLevel: "error" });
}

/**
 * Registers one interaction and runs the client against Pact's mock server; the
 * mock server fails the test on any request mismatch, `check` judges the answer,
 * and pact-js merges the interaction into the pact file only when both pass.
 */
export async function recordInteraction(pact: PactV4, interaction: ContractInteraction, check: (exchange: Exchange) => void | Promise<void>): Promise<void> {
  const { request, response, providerState } = interaction;
  let builder = pact.addInteraction();
  if (providerState) builder = builder.given(providerState.name, providerState.params);
  await builder
    .uponReceiving(interaction.description)
    .withRequest(request.method, request.path, (requestBuilder) => {
      requestBuilder.headers(request.headers).jsonBody(request.body);
    })
    .willRespondWith(response.status, (responseBuilder) => {
      responseBuilder.headers(response.headers).jsonBody(response.body);
    })
    .executeTest(async (mockServer) => {
      const exchange = await sendExampleRequest(mockServer.url, interaction);
      await awaitRecordedMatch(mockServer.port);
      await check(exchange);
    });
}

/**
 * The pact file as committed: interactions in generation order (manifest order,
 * then case order) rather than pact-core's alphabetical one, and metadata reduced
 * to the specification version, so that upgrading pact-js or pact-core does not
 * make unchanged contracts look stale. Keys are already sorted by pact-core.
 */
export function normaliseContract(text: string, interactions: readonly ContractInteraction[]): string {
  const pact = JSON.parse(text) as { interactions: { description: string }[]; metadata: Record<string, unknown> };
  const recorded = new Map(pact.interactions.map((interaction) => [interaction.description, interaction]));
  const ordered = interactions.map((interaction) => {
    const found = recorded.get(interaction.description);
    if (!found) throw new Error(`the recorded pact lacks the interaction "${interaction.description}"`);
    return found;
  });
  if (recorded.size !== interactions.length) throw new Error(`the recorded pact holds ${recorded.size} interactions, ${interactions.length} were built`);
  const normalised = { ...pact, interactions: ordered, metadata: { pactSpecification: pact.metadata.pactSpecification } };
  return `${JSON.stringify(normalised, null, 2)}\n`;
}

export function readRecordedContract(dir: string, provider: ProviderName, interactions: readonly ContractInteraction[]): string {
  return normaliseContract(fs.readFileSync(path.join(dir, contractFileName(provider)), "utf8"), interactions);
}

export function freshPactDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "graph-run-pacts-"));
}

/**
 * Records every contract in a scratch directory (so a failed run leaves the target
 * untouched) and writes the normalised files to `targetDir`. Returns the files written.
 */
export async function writeContracts(registry: SchemaRegistry, targetDir: string): Promise<{ file: string; interactions: number }[]> {
  const scratch = freshPactDir();
  try {
    const recorded: { file: string; text: string; interactions: number }[] = [];
    for (const provider of providerNames()) {
      const interactions = contractInteractions(registry, provider);
      const pact = newContractPact(provider, scratch);
      for (const interaction of interactions) {
        await recordInteraction(pact, interaction, (exchange) => {
          const mismatch = exchangeMismatch(interaction, exchange);
          if (mismatch) throw new Error(`${interaction.description}: ${mismatch}`);
        });
      }
      const text = readRecordedContract(scratch, provider, interactions);
      recorded.push({ file: path.join(targetDir, contractFileName(provider)), text, interactions: interactions.length });
    }
    fs.mkdirSync(targetDir, { recursive: true });
    for (const { file, text } of recorded) fs.writeFileSync(file, text);
    return recorded.map(({ file, interactions }) => ({ file, interactions }));
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
