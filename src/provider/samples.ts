import type { ResourceTypeKey } from "../operations";
import type { IdentityGovernanceRun, IndustryDataRun } from "../schemas/types.generated";
import type { Entity } from "./store";

// The values a provider-state setup gives an entity (rules.md §5 leaves them to the
// target). They are valid against the type's schema (a spec checks it) and use no
// enum sentinel, so any PATCH a check sends starts from a plain, known entity.

const industryDataRunSample: IndustryDataRun = {
  displayName: "Reference provider run",
  startDateTime: "2026-01-05T08:00:00Z",
  endDateTime: null,
  status: "running",
  statistics: { "@odata.type": "#microsoft.graph.industryData.runStatistics" },
  blockingError: null,
};

const identityGovernanceRunSample: IdentityGovernanceRun = {
  completedDateTime: null,
  lastUpdatedDateTime: "2026-01-05T08:00:00Z",
  startedDateTime: "2026-01-05T08:00:00Z",
  scheduledDateTime: "2026-01-05T08:00:00Z",
  failedTasksCount: 0,
  failedUsersCount: 0,
  successfulUsersCount: 0,
  totalUsersCount: 0,
  totalUnprocessedTasksCount: 0,
  processingStatus: "inProgress",
  workflowExecutionType: "onDemand",
};

// A Record over every type key, so a new resource type does not compile without its sample.
const samples: Readonly<Record<ResourceTypeKey, IndustryDataRun | IdentityGovernanceRun>> = {
  "industryData.run": industryDataRunSample,
  "industryData.runGroup": industryDataRunSample,
  "industryData.outgoingFlowRun": industryDataRunSample,
  "identityGovernance.run": identityGovernanceRunSample,
};

/** A fresh, valid entity of the type with the given id. */
export function sampleEntity(type: ResourceTypeKey, id: string): Entity {
  return structuredClone({ id, ...samples[type] });
}
