import fs from "node:fs";
import path from "node:path";
import { parseHttpMessage } from "../../docs/httpMessage";
import { parseJsonWithLines } from "../../docs/jsonText";
import type { JsonParseResult } from "../../docs/model";
import { cannotRead } from "../../docs/readError";
import { EXIT_FAILURES, EXIT_OK, UsageError } from "../../exitCodes";
import { findOperation, operations, schemaRegistry } from "../../catalog";
import { parseJsonPath } from "../../schemas/jsonPath";
import type { CommandContext } from "../command";

const KINDS = ["request", "response"] as const;
type PayloadKind = (typeof KINDS)[number];

async function readPayload(file: string, context: CommandContext): Promise<string> {
  if (file === "-") {
    const chunks: Buffer[] = [];
    for await (const chunk of context.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
    return Buffer.concat(chunks).toString("utf8");
  }
  try {
    return await fs.promises.readFile(path.resolve(context.cwd, file), "utf8");
  } catch (error) {
    throw new UsageError(`${file}: ${cannotRead(error)}`);
  }
}

/**
 * The payload's JSON: the whole text, or the body of a raw HTTP message (start line,
 * headers, blank line, body) as captured from a server. Only the body is judged; the
 * status and headers of a captured response are the conformance runner's business.
 */
function payloadJson(text: string, kind: PayloadKind, name: string): JsonParseResult {
  const source = text.replace(/^\uFEFF/, "");
  const message = parseHttpMessage(source.split(/\r?\n/), 1);
  if (!message.start) return parseJsonWithLines(source, 1);
  const expected = kind === "request" ? "request" : "status";
  if (message.start.kind !== expected) {
    throw new UsageError(`${name}:${message.start.line}: a ${kind} was asked for but the file holds an HTTP ${message.start.kind === "status" ? "response" : "request"}`);
  }
  if (!message.body) throw new UsageError(`${name}: the HTTP message has no body`);
  return message.body.json;
}

export async function validateCommand(operationId: string, kind: string, file: string, context: CommandContext): Promise<void> {
  const operation = findOperation(operationId);
  if (!operation) throw new UsageError(`unknown operation "${operationId}"; the operations are: ${operations().map((known) => known.id).join(", ")}`);
  if (!(KINDS as readonly string[]).includes(kind)) throw new UsageError(`kind must be request or response, not "${kind}"`);
  const name = file === "-" ? "stdin" : file;
  const json = payloadJson(await readPayload(file, context), kind as PayloadKind, name);
  if (!json.ok) throw new UsageError(`${name}:${json.line}:${json.column}: ${json.message}`);

  const schemaName = kind === "request" ? operation.requestSchema : operation.responseSchema;
  const result = schemaRegistry().validate(schemaName, json.value);
  for (const violation of result.violations) {
    const line = json.lineOf(parseJsonPath(violation.path));
    context.stdout.write(`${name}:${line}  ${violation.path}  ${violation.rule}  ${violation.message}\n`);
  }
  const verdict = result.valid ? "valid" : `invalid: ${result.violations.length} violation${result.violations.length === 1 ? "" : "s"}`;
  context.stdout.write(`${name}: ${verdict} (${operation.id} ${kind}, schema ${schemaName})\n`);
  context.setExitCode(result.valid ? EXIT_OK : EXIT_FAILURES);
}
