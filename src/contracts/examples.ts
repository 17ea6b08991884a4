import { sampleValue, type Member } from "../schemas/model";

/** A JSON value, as request bodies and their members are. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [member: string]: JsonValue };

/**
 * Realistic example values for the built-in operations' request members. The members
 * themselves come from the request schemas (src/schemas/model.ts); a member without a
 * value here (an added operation's) gets one built from its schema. Date-times use
 * both `Z` and a numeric offset, so the contracts carry both forms.
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

/** For rule E8: a member none of the built-in types has (runs carry no description in Graph). */
const unknownMemberExample = { name: "description", value: "Imported by the nightly job" } as const;
/** For a type that has a `description`. */
const unknownMemberFallback = { name: "graphConformanceUnknownMember", value: "not a member of any Graph type" } as const;

/** A member name the operation's body does not have, with a value to send it with (rule E8). */
export function unknownMemberFor(members: readonly Member[]): { name: string; value: string } {
  return members.some((member) => member.name === unknownMemberExample.name) ? unknownMemberFallback : unknownMemberExample;
}

/**
 * Members the schemas allow but no contract sends, with the reason: the contracts
 * assert only what rules.md makes a server do.
 */
export const membersNotSent: Readonly<Record<string, string>> = {
  blockingError: "rules.md §3 leaves open whether blockingError is writable, so no contract sends it",
};

/** A non-null example built from the member's schema: what an added operation's contracts send. */
function schemaExample(member: Member): JsonValue {
  const shape = member.shape;
  switch (shape.kind) {
    case "string":
      return `Example ${member.name}`;
    case "dateTime":
      return "2026-11-22T06:00:00Z";
    case "int32":
      return 1;
    case "number":
      return 1.5;
    case "boolean":
      return true;
    case "nestedObject":
      return Object.fromEntries(shape.members.filter((inner) => shape.required.includes(inner.name)).map((inner) => [inner.name, schemaExample(inner)]));
    default:
      return sampleValue({ ...shape, nullable: false }) as JsonValue;
  }
}

export function exampleFor(member: Member): JsonValue {
  return Object.hasOwn(memberExamples, member.name) ? memberExamples[member.name] : schemaExample(member);
}

/** A plausible value outside the member's enum (rule E4). */
export function outOfEnumExampleFor(member: Member & { shape: { kind: "enum" } }): string {
  if (Object.hasOwn(outOfEnumExamples, member.name)) return outOfEnumExamples[member.name];
  const candidates = ["paused", "archived", "notAMember"];
  return candidates.find((candidate) => !member.shape.members.includes(candidate))!;
}
