/**
 * The operations manifest: the five operations of rules.md §1 and their provider
 * states (§5). An entry holds only what the schemas cannot say; the resource type,
 * its `@odata.type`, required and nullable members are read from the schemas
 * (src/schemas/model.ts, src/catalog). Adding an operation means its page under
 * `apidocs/`, its schemas under `schemas/` and one entry here, or the same in a
 * user's operations file (src/catalog/operationsFile.ts).
 */

export interface OperationEntry {
  id: string;
  method: "PATCH" | "POST";
  /** Relative to the base URL; `{id}` is the entity id of a PATCH. */
  path: string;
  /** Why the path is inferred, when the page's HTTP request block does not give it. */
  pathInferred?: string;
  /** The doc page, relative to the package (or to the operations file). */
  page: string;
  /** The seed page number in ../shared/seeds (000–004), as rules.md names pages. */
  pageNumber?: string;
  /** Schema names under `schemas/`, or `$id`s of a user's schemas. */
  requestSchema: string;
  responseSchema: string;
  /** PATCH only: the provider state that makes the entity to update exist. */
  providerState?: string;
  /** The Pact provider: a server of one area can be verified alone. */
  provider: string;
  /** The type's canonical `@odata.type`, for a response schema that does not declare it. */
  odataType?: string;
}

const INDUSTRY_DATA = "graph-beta-industryData";

export const builtInOperations: readonly OperationEntry[] = [
  {
    id: "industryData.runGroup.create",
    method: "POST",
    path: "/industryData/runGroups",
    page: "apidocs/industrydata-rungroup-create.md",
    pageNumber: "003",
    requestSchema: "requests/industryData.runGroup.post",
    responseSchema: "responses/industryData.runGroup",
    provider: INDUSTRY_DATA,
  },
  {
    id: "industryData.runGroup.update",
    method: "PATCH",
    path: "/industryData/runGroups/{id}",
    pathInferred: "page 000's HTTP request block is empty; the runGroup collection is the one page 003 POSTs to",
    page: "apidocs/industrydata-rungroup-update.md",
    pageNumber: "000",
    requestSchema: "requests/industryData.runGroup.patch",
    responseSchema: "responses/industryData.runGroup",
    providerState: "an industryData runGroup exists",
    provider: INDUSTRY_DATA,
  },
  {
    id: "industryData.run.update",
    method: "PATCH",
    path: "/process/runs/{id}",
    page: "apidocs/industrydata-run-update.md",
    pageNumber: "001",
    requestSchema: "requests/industryData.run.patch",
    responseSchema: "responses/industryData.run",
    providerState: "an industryData run exists",
    provider: INDUSTRY_DATA,
  },
  {
    id: "industryData.outgoingFlowRun.update",
    method: "PATCH",
    path: "/industryData/outgoingFlowRuns/{id}",
    pathInferred: "page 004's HTTP request block is empty; the path follows the runGroups pattern of page 003",
    page: "apidocs/industrydata-outgoingflowrun-update.md",
    pageNumber: "004",
    requestSchema: "requests/industryData.outgoingFlowRun.patch",
    responseSchema: "responses/industryData.outgoingFlowRun",
    providerState: "an industryData outgoingFlowRun exists",
    provider: INDUSTRY_DATA,
  },
  {
    id: "identityGovernance.run.update",
    method: "PATCH",
    path: "/workflowBase/runs/{id}",
    page: "apidocs/identitygovernance-run-update.md",
    pageNumber: "002",
    requestSchema: "requests/identityGovernance.run.patch",
    responseSchema: "responses/identityGovernance.run",
    providerState: "an identityGovernance run exists",
    provider: "graph-beta-identityGovernance",
  },
];
