/** A JSON value, as request bodies and their members are. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [member: string]: JsonValue };

/**
 * Realistic example values, one per request member the schemas declare. The members
 * themselves come from the request schemas (see members.ts): a member added to a
 * schema without a value here stops contract generation instead of being skipped.
 * Date-times use both `Z` and a numeric offset, so the contracts carry both forms.
 */
export const memberExamples: Readonly<Record<string, JsonValue>> = {
  displayName: "Nightly roster import – Zürich",
  startDateTime: "2026-11-22T06:00:00Z",
  endDateTime: "2026-11-22T07:42:17.503+01:00",
  status: "completed",
  statistics: { inboundRecords: 1250, rejectedRecords: 3 },
  completedDateTime: "2026-11-22T06:05:12Z",
  lastUpdatedDateTime: "2026-11-22T06:05:12Z",
  startedDateTime: "2026-11-22T06:00:03.25Z",
  scheduledDateTime: "2026-11-22T06:00:00Z",
  failedTasksCount: 1,
  failedUsersCount: 1,
  successfulUsersCount: 41,
  totalUsersCount: 42,
  totalUnprocessedTasksCount: 0,
  processingStatus: "completedWithErrors",
  workflowExecutionType: "scheduled",
};

/** For rule E4: a value a client might plausibly send that is not a member of the enum. */
export const outOfEnumExamples: Readonly<Record<string, string>> = {
  status: "paused",
  processingStatus: "paused",
  workflowExecutionType: "manual",
};

/** For rule E8: a member none of the types has (runs carry no description in Graph). */
export const unknownMember = { name: "description", value: "Imported by the nightly job" } as const;

/**
 * Members the schemas allow but no contract sends, with the reason: the contracts
 * assert only what rules.md makes a server do.
 */
export const membersNotSent: Readonly<Record<string, string>> = {
  blockingError: "rules.md §3 leaves open whether blockingError is writable, so no contract sends it",
};

export function exampleFor(member: string): JsonValue {
  if (!Object.hasOwn(memberExamples, member)) throw new Error(`no example value for request member "${member}": add one to src/contracts/examples.ts`);
  return memberExamples[member];
}

export function outOfEnumExampleFor(member: string): string {
  if (!Object.hasOwn(outOfEnumExamples, member)) throw new Error(`no out-of-enum value for member "${member}": add one to src/contracts/examples.ts`);
  return outOfEnumExamples[member];
}
