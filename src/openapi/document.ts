import { packageManifest } from "../packageFiles";
import type { OpenAPIV3_1 } from "openapi-types";
import { catalog, operations, resourceTypes, schemaRegistry, type Operation } from "../catalog";
import { ruleTitles, type RuleId } from "../rules";
import { type SchemaRegistry } from "../schemas/registry";
import { componentRef, componentSchemas } from "./components";
import { DEFAULT_SERVER } from "./server";

/** Where `npm run openapi` writes the committed copy, relative to the project root. */
export const COMMITTED_DOCUMENT = "openapi/graph-runs.openapi.json";

/** The vendor extensions each operation carries. */
export interface OperationExtensions {
  /** The doc page the operation comes from. */
  "x-graph-conformance-source-page": { page: string; pageNumber?: string };
  /** Present when the page does not give the path: why it was inferred. */
  "x-graph-conformance-inferred-path"?: string;
  /** PATCH only: the Pact provider state that makes the entity to update exist. */
  "x-graph-conformance-provider-state"?: string;
}

export type GraphRunsDocument = OpenAPIV3_1.Document<OperationExtensions>;
type GraphRunsOperation = OpenAPIV3_1.OperationObject<OperationExtensions>;
type GraphRunsPathItem = OpenAPIV3_1.PathItemObject<OperationExtensions>;

const JSON_MEDIA_TYPE = "application/json";
const BEARER_SCHEME = "bearerAuth";
const ERROR_SCHEMA = "errors/graphError";

interface ErrorResponse {
  status: "400" | "401" | "404" | "413" | "415";
  component: string;
  summary: string;
  /** The rules of rules.md §4 that call for this answer (none for 413, which no rule asks for). */
  rules: RuleId[];
}

/** The Graph error answers of rules.md §4, plus 413, which Graph and the reference provider give for an oversized body. */
const errorResponses: readonly ErrorResponse[] = [
  { status: "400", component: "badRequest", summary: "Bad request", rules: ["E2", "E3", "E4", "E5", "E6", "E7", "E8", "E10", "E11", "E13", "E14"] },
  { status: "401", component: "unauthorized", summary: "No or invalid bearer token", rules: ["E1"] },
  { status: "404", component: "notFound", summary: "No entity with this id", rules: ["E9"] },
  { status: "413", component: "payloadTooLarge", summary: "The body is larger than the server accepts", rules: [] },
  { status: "415", component: "unsupportedMediaType", summary: "The body is not application/json", rules: ["E3"] },
];

export interface OpenApiOptions {
  /** The `servers` URL; the operations' paths are appended to it. */
  server?: string;
  registry?: SchemaRegistry;
}

/** The area of an operation (`industryData`, `identityGovernance`): its tag. */
function areaOf(operation: Operation): string {
  return resourceTypes()[operation.type].namespace.replace(/^microsoft\.graph\./, "");
}

function ruleList(rules: readonly RuleId[]): string {
  return rules.map((rule) => `${rule} (${ruleTitles[rule]})`).join("; ");
}

function errorResponseComponent(error: ErrorResponse): OpenAPIV3_1.ResponseObject {
  return {
    description: `${error.summary}${error.rules.length > 0 ? `. Rules: ${ruleList(error.rules)}` : ""}. Body: the Graph error object.`,
    content: { [JSON_MEDIA_TYPE]: { schema: componentRef(ERROR_SCHEMA) } },
  };
}

function errorsOf(operation: Operation): ErrorResponse[] {
  return errorResponses.filter((error) => error.status !== "404" || operation.method === "PATCH");
}

function operationObject(operation: Operation): GraphRunsOperation {
  const type = resourceTypes()[operation.type];
  const creates = operation.method === "POST";
  const responses: OpenAPIV3_1.ResponsesObject = {
    [String(operation.successStatus)]: {
      description: creates ? `Created: the new ${type.key} with its server-assigned id (rule P3)` : `Updated: the whole ${type.key} after the change (rules P1, P2)`,
      content: { [JSON_MEDIA_TYPE]: { schema: componentRef(operation.responseSchema) } },
    },
  };
  for (const error of errorsOf(operation)) responses[error.status] = { $ref: `#/components/responses/${error.component}` };
  return {
    operationId: operation.id,
    summary: `${creates ? "Create" : "Update"} ${type.key}`,
    description:
      `${creates ? "Creates" : "Updates"} a ${type.odataType.slice(1)} (doc page ${operation.pageNumber ? `${operation.pageNumber}, ` : ""}${operation.page}).` +
      (creates ? ` Required members: ${operation.requiredMembers.join(", ")}.` : " Partial: members not sent keep their values.") +
      " Unknown request members are rejected (rule E8); a response may carry members not listed here.",
    tags: [areaOf(operation)],
    ...(creates ? {} : { parameters: [{ name: "id", in: "path", required: true, description: `The id of the ${type.key} to update`, schema: { type: "string", minLength: 1 } }] }),
    requestBody: {
      required: true,
      content: { [JSON_MEDIA_TYPE]: { schema: componentRef(operation.requestSchema) } },
    },
    responses,
    "x-graph-conformance-source-page": { page: operation.page, ...(operation.pageNumber ? { pageNumber: operation.pageNumber } : {}) },
    ...(operation.pathInferred ? { "x-graph-conformance-inferred-path": operation.pathInferred } : {}),
    ...(operation.providerState ? { "x-graph-conformance-provider-state": operation.providerState } : {}),
  };
}

function sortedByKey<T>(entries: [string, T][]): Record<string, T> {
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The OpenAPI 3.1 document of the catalog's operations, built from the operations manifest
 * and the JSON Schemas (embedded under `components/schemas`). Paths, components and
 * tags are sorted, so the same inputs give the same bytes.
 */
export function buildOpenApiDocument(options: OpenApiOptions = {}): GraphRunsDocument {
  const registry = options.registry ?? schemaRegistry();
  const byPath = new Map<string, Record<string, GraphRunsOperation>>();
  for (const operation of operations()) {
    const methods = byPath.get(operation.path) ?? {};
    methods[operation.method.toLowerCase()] = operationObject(operation);
    byPath.set(operation.path, methods);
  }
  const paths: [string, GraphRunsPathItem][] = [...byPath].map(([template, methods]) => [template, methods]);
  const areas = [...new Set(operations().map(areaOf))].sort();
  return {
    openapi: "3.1.0",
    info: {
      title: "Microsoft Graph beta: run write operations (graph-conformance)",
      version: packageManifest().version,
      description:
        (catalog().operationsFile === undefined
          ? "The five write operations on industryData and identityGovernance runs that graph-conformance checks, "
          : `The write operations graph-conformance checks: the five built-in ones on industryData and identityGovernance runs and those an operations file adds (${operations().length} in all), `) +
        "generated from its operations manifest and JSON Schemas (`npm run openapi`). Paths marked " +
        "`x-graph-conformance-inferred-path` are not given by their doc page and were inferred.",
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    servers: [{ url: options.server ?? DEFAULT_SERVER }],
    security: [{ [BEARER_SCHEME]: [] }],
    tags: areas.map((area) => ({ name: area, description: `Operations in the microsoft.graph.${area} namespace` })),
    paths: sortedByKey(paths),
    components: {
      schemas: componentSchemas(registry),
      responses: sortedByKey(errorResponses.map((error) => [error.component, errorResponseComponent(error)])),
      securitySchemes: {
        [BEARER_SCHEME]: { type: "http", scheme: "bearer", description: "Sent as `Authorization: Bearer <token>`; no token answers 401 (rule E1)." },
      },
    },
  };
}

/** The document as committed and printed: 2-space JSON and a final newline. */
export function renderOpenApiDocument(document: GraphRunsDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
