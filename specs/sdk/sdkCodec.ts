/**
 * The official Graph beta SDK's own models, serializer and parse nodes, as a child
 * process for specs/sdk/graphSdk.spec.ts. The SDK and Kiota are ES modules, which
 * Jest's module system cannot load; Node's own `require` can (require of ESM,
 * Node ≥ 20.19), so the spec forks this file (with esbuild-register) and asks it,
 * over IPC with Node's advanced serialization (Dates stay Dates), to write a model
 * as JSON or to read JSON into a model — exactly what a client built on the SDK does
 * before a request and after an answer.
 *
 * The SDK's types are not imported: its models/index.d.ts alone is 12 MB, which
 * would make `tsc --noEmit` of the specs parse all of Graph. The few members used
 * here are typed below.
 */

/** A Kiota model: members by their TypeScript names (`odataType`, `errorEscaped`), date-times as Date. */
export type Model = Record<string, unknown>;

export type CodecRequest =
  | { id: number; op: "serializeRun"; model: Model }
  | { id: number; op: "parseRun"; json: string }
  | { id: number; op: "parseODataError"; json: string };

export type CodecReply = { id: number; result: unknown } | { id: number; error: string };

interface Writer {
  writeObjectValue(key: string | undefined, value: unknown, serializer: unknown): void;
  getSerializedContent(): ArrayBuffer;
}

interface ParseNode {
  getObjectValue(factory: unknown): Model;
}

interface JsonSerialization {
  JsonSerializationWriterFactory: new () => { getSerializationWriter(contentType: string): Writer };
  JsonParseNodeFactory: new () => { getRootParseNode(contentType: string, content: ArrayBuffer): ParseNode };
}

const JSON_CONTENT_TYPE = "application/json";

/* eslint-disable @typescript-eslint/no-require-imports */
const json = require("@microsoft/kiota-serialization-json") as JsonSerialization;
const identityGovernance = require("@microsoft/msgraph-beta-sdk/models/identityGovernance/index.js") as { serializeRun: unknown; createRunFromDiscriminatorValue: unknown };
const oDataErrors = require("@microsoft/msgraph-beta-sdk/models/oDataErrors/index.js") as { createODataErrorFromDiscriminatorValue: unknown };

function serialize(model: Model, serializer: unknown): string {
  const writer = new json.JsonSerializationWriterFactory().getSerializationWriter(JSON_CONTENT_TYPE);
  writer.writeObjectValue(undefined, model, serializer);
  return new TextDecoder().decode(writer.getSerializedContent());
}

function parse(text: string, factory: unknown): Model {
  const content = new TextEncoder().encode(text);
  return new json.JsonParseNodeFactory().getRootParseNode(JSON_CONTENT_TYPE, content.buffer.slice(content.byteOffset, content.byteOffset + content.byteLength)).getObjectValue(factory);
}

/** A model as plain data for IPC: Kiota models may carry a backing store and accessors, which do not cross a process boundary. */
function plain(model: unknown): unknown {
  if (model instanceof Date || model === null || typeof model !== "object") return model;
  if (Array.isArray(model)) return model.map(plain);
  return Object.fromEntries(Object.entries(model).filter(([, value]) => value !== undefined && typeof value !== "function").map(([name, value]) => [name, plain(value)]));
}

function answer(request: CodecRequest): unknown {
  switch (request.op) {
    case "serializeRun":
      return serialize(request.model, identityGovernance.serializeRun);
    case "parseRun":
      return plain(parse(request.json, identityGovernance.createRunFromDiscriminatorValue));
    case "parseODataError":
      return plain(parse(request.json, oDataErrors.createODataErrorFromDiscriminatorValue));
  }
}

process.on("message", (request: CodecRequest) => {
  let reply: CodecReply;
  try {
    reply = { id: request.id, result: answer(request) };
  } catch (error) {
    reply = { id: request.id, error: (error as Error).stack ?? String(error) };
  }
  process.send!(reply);
});
process.send!({ id: 0, result: "ready" });
