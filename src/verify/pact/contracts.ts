import { parseDescription } from "../../contracts/description";
import { readContracts as readPactFiles } from "../../contracts/read";
import { UsageError } from "../../exitCodes";
import { operations, type Operation, type OperationId } from "../../catalog";
import type { RuleId } from "../../rules";
import { requestTag } from "./requestTag";
import { isObject } from "../../isObject";

/**
 * The Pact files the runner verifies, read once at preflight: each interaction's
 * operation and rule (from its description, `<rule> <operation id>: …`, or else
 * from its method and path), so results and `--only`/`--skip` can name them.
 */

export interface ContractInteraction {
  description: string;
  operationId: OperationId;
  ruleId?: RuleId;
  /** The description without its `<rule> <operation id>: ` label. */
  what: string;
  method: string;
  path: string;
  providerStates: { name: string; params: Record<string, unknown> }[];
  /** The request's tag (requestTag.ts), which its proxied exchange carries; unknown for a broker's pacts, not read before the run. */
  tag?: string;
}

export interface ContractFile {
  file: string;
  consumer: string;
  provider: string;
  interactions: ContractInteraction[];
}

function templatePattern(template: string): RegExp {
  const escaped = template.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace("\\{id\\}", "([^/]+)");
  return new RegExp(`^${escaped}$`);
}


/** The operation a contract request path belongs to (contracts use the manifest's paths), with its id. */
export function matchOperationPath(method: string, requestPath: string): { operation: Operation; id?: string } | undefined {
  for (const operation of operations()) {
    if (operation.method !== method.toUpperCase()) continue;
    const match = templatePattern(operation.path).exec(requestPath);
    if (match) return { operation, ...(match[1] === undefined ? {} : { id: decodeURIComponent(match[1]) }) };
  }
  return undefined;
}

function invalid(file: string, reason: string): UsageError {
  return new UsageError(`contract ${file} cannot be verified: ${reason}`);
}

function readInteraction(file: string, raw: unknown, index: number): ContractInteraction {
  const interaction = raw as { description?: unknown; request?: { method?: unknown; path?: unknown; headers?: unknown; body?: unknown }; providerStates?: unknown };
  const description = interaction?.description;
  const method = interaction?.request?.method;
  const requestPath = interaction?.request?.path;
  if (typeof description !== "string" || typeof method !== "string" || typeof requestPath !== "string") {
    throw invalid(file, `interaction ${index + 1} has no description, request method or request path`);
  }
  const label = parseDescription(description);
  const operationId = label?.operationId ?? matchOperationPath(method, requestPath)?.operation.id;
  if (!operationId) throw invalid(file, `interaction "${description}" (${method} ${requestPath}) matches no operation of the catalog`);
  const states = Array.isArray(interaction.providerStates) ? (interaction.providerStates as { name?: unknown; params?: unknown }[]) : [];
  return {
    description,
    operationId,
    ...(label ? { ruleId: label.rule } : {}),
    what: label?.what ?? description,
    method: method.toUpperCase(),
    path: requestPath,
    providerStates: states.map((state) => ({ name: String(state.name), params: (state.params ?? {}) as Record<string, unknown> })),
    tag: requestTag(method, requestPath, hasAuthorization(interaction.request?.headers), requestBody(interaction.request?.body)),
  };
}

function hasAuthorization(headers: unknown): boolean {
  return isObject(headers) && Object.keys(headers).some((name) => name.toLowerCase() === "authorization");
}

/** A V4 body is `{content, contentType, encoded}`; an earlier specification's is the JSON itself. */
function requestBody(body: unknown): unknown {
  if (isObject(body) && "content" in body && "contentType" in body) return body.content;
  return body;
}

/** Every `*.json` Pact file in the directory (src/contracts/read.ts); a missing, empty or unreadable directory ends the run (exit 2). */
export function readContracts(directory: string): ContractFile[] {
  return readPactFiles(directory).map(({ file, consumer, provider, interactions }) => ({
    file,
    consumer,
    provider,
    interactions: interactions.map((interaction, index) => readInteraction(file, interaction, index)),
  }));
}
