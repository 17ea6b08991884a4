/**
 * The operations manifest: the single source of truth for the five operations of
 * rules.md §1, the resource types of §2 and the provider states of §5. Adding an
 * operation means adding its page to `apidocs/`, its schemas to `schemas/` and one
 * entry here.
 */

export type ResourceTypeKey = "industryData.run" | "industryData.runGroup" | "industryData.outgoingFlowRun" | "identityGovernance.run";

/** A Pact provider: a server of one area can be verified alone. */
export type ProviderName = "graph-beta-industryData" | "graph-beta-identityGovernance";

export interface ResourceType {
  key: ResourceTypeKey;
  /** Canonical `@odata.type`, with its leading `#`. */
  odataType: string;
  /** The OData namespace the type lives in (checked against a page's Namespace line). */
  namespace: string;
  /** Rule P1: derived types must name themselves in a response; others may leave it out (minimal metadata). */
  odataTypeRequiredInResponse: boolean;
  /** Schema names under `schemas/` (see src/schemas/registry.ts). */
  entitySchema: string;
  responseSchema: string;
  /** Provider state (rules.md §5) that makes the target hold an entity of this type. */
  providerState: string;
  /** Members whose value may be null (rules.md §2, rule P10). */
  nullableMembers: readonly string[];
  provider: ProviderName;
}

export const resourceTypes: Readonly<Record<ResourceTypeKey, ResourceType>> = {
  "industryData.run": {
    key: "industryData.run",
    odataType: "#microsoft.graph.industryData.run",
    namespace: "microsoft.graph.industryData",
    odataTypeRequiredInResponse: false,
    entitySchema: "types/industryData.run",
    responseSchema: "responses/industryData.run",
    providerState: "an industryData run exists",
    nullableMembers: ["endDateTime", "blockingError"],
    provider: "graph-beta-industryData",
  },
  "industryData.runGroup": {
    key: "industryData.runGroup",
    odataType: "#microsoft.graph.industryData.runGroup",
    namespace: "microsoft.graph.industryData",
    odataTypeRequiredInResponse: true,
    entitySchema: "types/industryData.runGroup",
    responseSchema: "responses/industryData.runGroup",
    providerState: "an industryData runGroup exists",
    nullableMembers: ["endDateTime", "blockingError"],
    provider: "graph-beta-industryData",
  },
  "industryData.outgoingFlowRun": {
    key: "industryData.outgoingFlowRun",
    odataType: "#microsoft.graph.industryData.outgoingFlowRun",
    namespace: "microsoft.graph.industryData",
    odataTypeRequiredInResponse: true,
    entitySchema: "types/industryData.outgoingFlowRun",
    responseSchema: "responses/industryData.outgoingFlowRun",
    providerState: "an industryData outgoingFlowRun exists",
    nullableMembers: ["endDateTime", "blockingError"],
    provider: "graph-beta-industryData",
  },
  "identityGovernance.run": {
    key: "identityGovernance.run",
    odataType: "#microsoft.graph.identityGovernance.run",
    namespace: "microsoft.graph.identityGovernance",
    odataTypeRequiredInResponse: false,
    entitySchema: "types/identityGovernance.run",
    responseSchema: "responses/identityGovernance.run",
    providerState: "an identityGovernance run exists",
    nullableMembers: ["completedDateTime", "lastUpdatedDateTime", "startedDateTime"],
    provider: "graph-beta-identityGovernance",
  },
};

export type OperationId =
  | "industryData.runGroup.create"
  | "industryData.runGroup.update"
  | "industryData.run.update"
  | "industryData.outgoingFlowRun.update"
  | "identityGovernance.run.update";

export interface Operation {
  id: OperationId;
  method: "PATCH" | "POST";
  /** Relative to the base URL; `{id}` is the entity id of a PATCH. */
  path: string;
  /** Why the path is inferred, when the page's HTTP request block does not give it. */
  pathInferred?: string;
  /** The doc page under `apidocs/`. */
  page: string;
  /** The seed page number in ../shared/seeds (000–004), as rules.md names pages. */
  pageNumber: string;
  type: ResourceTypeKey;
  requestSchema: string;
  responseSchema: string;
  successStatus: 200 | 201;
  /** POST only: the members the page marks Required (rule E10). */
  requiredMembers: readonly string[];
  /** PATCH only: the provider state that makes the entity to update exist. */
  providerState?: string;
}

function update(id: OperationId, type: ResourceTypeKey, path: string, page: string, pageNumber: string, pathInferred?: string): Operation {
  return {
    id,
    method: "PATCH",
    path,
    ...(pathInferred ? { pathInferred } : {}),
    page,
    pageNumber,
    type,
    requestSchema: `requests/${type}.patch`,
    responseSchema: resourceTypes[type].responseSchema,
    successStatus: 200,
    requiredMembers: [],
    providerState: resourceTypes[type].providerState,
  };
}

export const operations: readonly Operation[] = [
  {
    id: "industryData.runGroup.create",
    method: "POST",
    path: "/industryData/runGroups",
    page: "apidocs/industrydata-rungroup-create.md",
    pageNumber: "003",
    type: "industryData.runGroup",
    requestSchema: "requests/industryData.runGroup.post",
    responseSchema: resourceTypes["industryData.runGroup"].responseSchema,
    successStatus: 201,
    requiredMembers: ["displayName", "startDateTime", "status", "statistics"],
  },
  update(
    "industryData.runGroup.update",
    "industryData.runGroup",
    "/industryData/runGroups/{id}",
    "apidocs/industrydata-rungroup-update.md",
    "000",
    "page 000's HTTP request block is empty; the runGroup collection is the one page 003 POSTs to",
  ),
  update("industryData.run.update", "industryData.run", "/process/runs/{id}", "apidocs/industrydata-run-update.md", "001"),
  update(
    "industryData.outgoingFlowRun.update",
    "industryData.outgoingFlowRun",
    "/industryData/outgoingFlowRuns/{id}",
    "apidocs/industrydata-outgoingflowrun-update.md",
    "004",
    "page 004's HTTP request block is empty; the path follows the runGroups pattern of page 003",
  ),
  update("identityGovernance.run.update", "identityGovernance.run", "/workflowBase/runs/{id}", "apidocs/identitygovernance-run-update.md", "002"),
];

export function findOperation(id: string): Operation | undefined {
  return operations.find((operation) => operation.id === id);
}

export function operationsOfProvider(provider: ProviderName): Operation[] {
  return operations.filter((operation) => resourceTypes[operation.type].provider === provider);
}

/** Fills an operation's path template with an entity id (URL-encoded). */
export function operationPath(operation: Operation, id?: string, override?: string): string {
  const template = override ?? operation.path;
  return id === undefined ? template : template.replace("{id}", encodeURIComponent(id));
}
