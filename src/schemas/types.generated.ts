/* Generated from schemas/ by `npm run schema-types`; do not edit. */

/**
 * microsoft.graph.industryData.run, the base type of runGroup and outgoingFlowRun. From apidocs/industrydata-run-update.md (page 001), apidocs/industrydata-rungroup-create.md (page 003) and rules.md §2. endDateTime and blockingError are nullable.
 */
export interface IndustryDataRun {
  /**
   * Server-assigned, read-only.
   */
  id?: string;
  displayName?: string;
  /**
   * RFC 3339 date-time with Z or a numeric offset.
   */
  startDateTime?: string;
  /**
   * null while the run is in progress (page 003).
   */
  endDateTime?: string | null;
  status?: RunStatus;
  statistics?: RunStatistics;
  blockingError?: PublicError | null;
}

/**
 * microsoft.graph.industryData.runGroup, derived from industryData run with the same properties. From apidocs/industrydata-rungroup-update.md (page 000), apidocs/industrydata-rungroup-create.md (page 003).
 */
export type RunGroup = IndustryDataRun;

/**
 * microsoft.graph.industryData.outgoingFlowRun, derived from industryData run with the same properties. From apidocs/industrydata-outgoingflowrun-update.md (page 004).
 */
export type OutgoingFlowRun = IndustryDataRun;

/**
 * microsoft.graph.identityGovernance.run, a lifecycle workflow run. From apidocs/identitygovernance-run-update.md (page 002) and rules.md §2.
 */
export interface IdentityGovernanceRun {
  /**
   * Server-assigned, read-only.
   */
  id?: string;
  /**
   * DateTimeOffset documented as nullable.
   */
  completedDateTime?: string | null;
  /**
   * DateTimeOffset documented as nullable.
   */
  lastUpdatedDateTime?: string | null;
  /**
   * DateTimeOffset documented as nullable.
   */
  startedDateTime?: string | null;
  /**
   * RFC 3339 date-time with Z or a numeric offset.
   */
  scheduledDateTime?: string;
  /**
   * JSON integer in the Int32 range.
   */
  failedTasksCount?: number;
  /**
   * JSON integer in the Int32 range.
   */
  failedUsersCount?: number;
  /**
   * JSON integer in the Int32 range.
   */
  successfulUsersCount?: number;
  /**
   * JSON integer in the Int32 range.
   */
  totalUsersCount?: number;
  /**
   * JSON integer in the Int32 range.
   */
  totalUnprocessedTasksCount?: number;
  processingStatus?: LifecycleWorkflowProcessingStatus;
  workflowExecutionType?: WorkflowExecutionType;
}

/**
 * microsoft.graph.industryData.runStatistics, a weakly-typed (open) object: any members. From apidocs/industrydata-rungroup-update.md (page 000), apidocs/industrydata-run-update.md (page 001), apidocs/industrydata-rungroup-create.md (page 003), apidocs/industrydata-outgoingflowrun-update.md (page 004).
 */
export interface RunStatistics {
  /**
   * A nested @odata.type may leave out the leading '#'.
   */
  "@odata.type"?: string;
  [k: string]: unknown;
}

/**
 * microsoft.graph.publicError, the type of run.blockingError. From apidocs/industrydata-rungroup-create.md (page 003) and rules.md §2.
 */
export interface PublicError {
  "@odata.type"?: string;
  code?: string | null;
  message?: string | null;
  target?: string | null;
  details?: PublicErrorDetail[];
  innerError?: {};
}

/**
 * microsoft.graph.publicErrorDetail, an item of publicError.details (rules.md §2).
 */
export interface PublicErrorDetail {
  "@odata.type"?: string;
  code?: string | null;
  message?: string | null;
  target?: string | null;
}

/**
 * Enum industryData.runStatus; members from the 'possible values' of apidocs/industrydata-rungroup-update.md (page 000), apidocs/industrydata-run-update.md (page 001), apidocs/industrydata-rungroup-create.md (page 003), apidocs/industrydata-outgoingflowrun-update.md (page 004). unknownFutureValue is the evolvable-enum sentinel.
 */
export type RunStatus =
  "running" | "failed" | "completed" | "completedWithErrors" | "completedWithWarnings" | "unknownFutureValue";

/**
 * Enum identityGovernance.lifecycleWorkflowProcessingStatus; members from the 'possible values' of apidocs/identitygovernance-run-update.md (page 002). unknownFutureValue is the evolvable-enum sentinel.
 */
export type LifecycleWorkflowProcessingStatus =
  "queued" | "inProgress" | "completed" | "completedWithErrors" | "canceled" | "failed" | "unknownFutureValue";

/**
 * Enum identityGovernance.workflowExecutionType; members from the 'possible values' of apidocs/identitygovernance-run-update.md (page 002). unknownFutureValue is the evolvable-enum sentinel.
 */
export type WorkflowExecutionType = "scheduled" | "onDemand" | "unknownFutureValue";

/**
 * The Microsoft Graph error body every 4xx carries (rules.md §4): error.code a non-empty string, error.message a string; innerError and other members allowed.
 */
export interface GraphErrorBody {
  error: {
    code: string;
    message: string;
    target?: string | null;
    details?: {}[];
    innerError?: {};
  };
}
