import type { Probe } from "./probe";
import { sampleEntity } from "../../src/provider/samples";

/**
 * For every entry of the catalogue, a direct request that shows what the entry
 * does differently: true on the entry's server, false on the reference provider
 * (catalogue.spec.ts holds both), so each server is shown to misbehave, or to
 * vary, exactly as its description says.
 */
export type Symptom = (probe: Probe) => Promise<boolean>;

const RUN = "industryData.run.update";
const RUN_GROUP = "industryData.runGroup.update";
const OUTGOING = "industryData.outgoingFlowRun.update";
const IDENTITY = "identityGovernance.run.update";

const validPost = {
  displayName: "Probe group",
  startDateTime: "2026-03-01T10:00:00Z",
  status: "running",
  statistics: { recordsRead: 1 },
};
const OFFSET_TIME = "2026-03-01T10:00:00+01:00";
const NON_ASCII = "Zürich ✓ 東京";

const instant = (text: unknown) => (typeof text === "string" ? Date.parse(text) : Number.NaN);

async function displayNameAfterLaterPatch(probe: Probe): Promise<unknown> {
  const id = await probe.entity(RUN);
  await probe.patch(RUN, id, { displayName: "set first" });
  return (await probe.patch(RUN, id, { status: "failed" })).json.displayName;
}

export const faultSymptoms: Readonly<Record<string, Symptom>> = {
  "patch-answers-204": async (probe) => (await probe.patchNew(RUN, { displayName: "x" })).status === 204,
  "derived-type-without-odata-type": async (probe) => (await probe.patchNew(RUN_GROUP, {})).json["@odata.type"] === undefined,
  "derived-type-named-as-base": async (probe) => (await probe.patchNew(OUTGOING, {})).json["@odata.type"] === "#microsoft.graph.industryData.run",
  "wrong-odata-type": async (probe) => (await probe.patchNew(IDENTITY, {})).json["@odata.type"] === "#microsoft.graph.identityGovernance.workflow",
  "patch-ignores-display-name": async (probe) => (await probe.patchNew(RUN, { displayName: "renamed" })).json.displayName !== "renamed",
  "patch-answer-id-not-path-id": async (probe) => {
    const id = await probe.entity(RUN);
    return (await probe.patch(RUN, id, {})).json.id !== id;
  },
  "path-id-in-body-refused": async (probe) => {
    const id = await probe.entity(RUN);
    return (await probe.patch(RUN, id, { id, displayName: "read, modified, written" })).status === 400;
  },
  "patch-answer-as-text-plain": async (probe) => (await probe.patchNew(RUN, {})).headers.get("content-type")?.startsWith("text/plain") === true,
  "patch-resets-unsent-members": async (probe) => (await displayNameAfterLaterPatch(probe)) === sampleEntity("industryData.run", "x").displayName,
  "patch-replaces-entity": async (probe) => (await displayNameAfterLaterPatch(probe)) === undefined,
  "id-in-body-replaces-entity": async (probe) => {
    const id = await probe.entity(RUN);
    await probe.patch(RUN, id, { displayName: "set first" });
    return (await probe.patch(RUN, id, { id, status: "failed" })).json.displayName === undefined;
  },
  "post-answers-200": async (probe) => (await probe.post(validPost)).status === 200,
  "post-answer-without-id": async (probe) => (await probe.post(validPost)).json.id === undefined,
  "created-entity-not-patchable": async (probe) => {
    const created = await probe.post(validPost);
    return (await probe.patch(RUN_GROUP, created.json.id, {})).status === 404;
  },
  "created-entity-loses-members": async (probe) => {
    const created = await probe.post(validPost);
    return (await probe.patch(RUN_GROUP, created.json.id, {})).json.status === undefined;
  },
  "post-repeats-id": async (probe) => (await probe.post(validPost)).json.id === (await probe.post(validPost)).json.id,
  "odata-type-in-body-refused": async (probe) => (await probe.patchNew(RUN, { "@odata.type": "#microsoft.graph.industryData.run" })).status === 400,
  "odata-type-required-in-body": async (probe) => (await probe.patchNew(RUN, { displayName: "x" })).status === 400,
  "odata-type-without-hash-refused": async (probe) => (await probe.patchNew(RUN, { "@odata.type": "microsoft.graph.industryData.run" })).status === 400,
  "enum-member-refused": async (probe) => (await probe.patchNew(RUN, { status: "completedWithWarnings" })).status === 400,
  "offset-date-time-refused": async (probe) => (await probe.patchNew(RUN, { startDateTime: OFFSET_TIME })).status === 400,
  "offset-date-time-echoed-as-utc-wall-clock": async (probe) => {
    const answer = await probe.patchNew(RUN, { startDateTime: OFFSET_TIME });
    return answer.status === 200 && instant(answer.json.startDateTime) !== instant(OFFSET_TIME);
  },
  "int32-max-refused": async (probe) => (await probe.patchNew(IDENTITY, { totalUsersCount: 2147483647 })).status === 400,
  "int32-zero-refused": async (probe) => (await probe.patchNew(IDENTITY, { failedTasksCount: 0 })).status === 400,
  "non-ascii-replaced": async (probe) => (await probe.patchNew(RUN, { displayName: NON_ASCII })).json.displayName === "Z?rich ? ??",
  "non-ascii-decomposed": async (probe) => {
    const name = (await probe.patchNew(RUN, { displayName: NON_ASCII })).json.displayName;
    return name !== NON_ASCII && name.normalize("NFC") === NON_ASCII;
  },
  "null-for-nullable-refused": async (probe) => (await probe.patchNew(RUN, { endDateTime: null })).status === 400,
  "null-members-left-out-of-answer": async (probe) => {
    const answer = await probe.patchNew(RUN, { endDateTime: null });
    return answer.status === 200 && !("endDateTime" in answer.json);
  },
  "no-auth-check": async (probe) => (await probe.patchNew(RUN, { displayName: "x" }, { authenticate: false })).status === 200,
  "basic-auth-accepted": async (probe) => (await probe.patchNew(RUN, { displayName: "x" }, { authenticate: false, authorization: "Basic dXNlcjpwYXNz" })).status === 200,
  "empty-bearer-token-accepted": async (probe) => (await probe.patchNew(RUN, { displayName: "x" }, { authenticate: false, authorization: "Bearer " })).status === 200,
  "missing-auth-answered-403": async (probe) => (await probe.patchNew(RUN, {}, { authenticate: false })).status === 403,
  "auth-error-as-text-plain": async (probe) => {
    const answer = await probe.patchNew(RUN, {}, { authenticate: false });
    return answer.status === 401 && answer.headers.get("content-type")?.startsWith("text/plain") === true;
  },
  "malformed-json-accepted": async (probe) => (await probe.patchNew(RUN, undefined, { raw: '{"displayName": ' })).status === 200,
  "trailing-comma-accepted": async (probe) => (await probe.patchNew(RUN, undefined, { raw: '{"displayName": "x",}' })).status === 200,
  "empty-json-body-accepted": async (probe) => (await probe.patchNew(RUN, undefined, { raw: "" })).status === 200,
  "malformed-json-answered-500": async (probe) => (await probe.patchNew(RUN, undefined, { raw: '{"displayName": ' })).status === 500,
  "text-plain-read-as-json": async (probe) => (await probe.patchNew(RUN, { displayName: "x" }, { contentType: "text/plain" })).status === 200,
  "invalid-enum-accepted": async (probe) => (await probe.patchNew(RUN, { status: "paused" })).status === 200,
  "invalid-enum-error-as-problem-details": async (probe) => {
    const answer = await probe.patchNew(RUN, { status: "paused" });
    return answer.status === 400 && answer.json.error === undefined && answer.json.title === "Bad Request";
  },
  "wrong-json-type-accepted": async (probe) => (await probe.patchNew(RUN, { displayName: 123 })).status === 200,
  "int32-out-of-range-accepted": async (probe) => (await probe.patchNew(IDENTITY, { failedTasksCount: 2147483648 })).status === 200,
  "int32-lower-bound-unchecked": async (probe) =>
    (await probe.patchNew(IDENTITY, { failedTasksCount: -2147483649 })).status === 200 && (await probe.patchNew(IDENTITY, { failedTasksCount: 2147483648 })).status === 400,
  "invalid-date-time-accepted": async (probe) => (await probe.patchNew(RUN, { startDateTime: "yesterday" })).status === 200,
  "date-time-without-offset-accepted": async (probe) => (await probe.patchNew(RUN, { startDateTime: "2026-03-01T10:00:00" })).status === 200,
  "invalid-date-time-error-without-code": async (probe) => {
    const answer = await probe.patchNew(RUN, { startDateTime: "yesterday" });
    return answer.status === 400 && answer.json.error.code === "";
  },
  "unknown-member-accepted": async (probe) => (await probe.patchNew(RUN, { colour: "red" })).status === 200,
  "foreign-id-in-patch-accepted": async (probe) => (await probe.patchNew(RUN, { id: "another-run" })).status === 200,
  "id-in-post-accepted": async (probe) => (await probe.post({ ...validPost, id: "chosen-by-the-client" })).status === 201,
  "missing-required-member-accepted": async (probe) => {
    const { statistics: _left, ...withoutStatistics } = validPost;
    return (await probe.post(withoutStatistics)).status === 201;
  },
  "foreign-odata-type-accepted": async (probe) => (await probe.patchNew(RUN, { "@odata.type": "#microsoft.graph.identityGovernance.run" })).status === 200,
  "null-for-non-nullable-accepted": async (probe) => (await probe.patchNew(RUN, { displayName: null })).status === 200,
  "patch-unknown-id-upserts": async (probe) => (await probe.patch(RUN, "no-such-run", { displayName: "x" })).status === 200,
  "unknown-id-answered-400": async (probe) => (await probe.patch(RUN, "no-such-run", { displayName: "x" })).status === 400,
  "rejected-write-partly-applied": async (probe) => {
    const id = await probe.entity(RUN);
    await probe.patch(RUN, id, { displayName: "before" });
    const rejected = await probe.patch(RUN, id, { displayName: "during", status: "paused" });
    return rejected.status === 400 && (await probe.patch(RUN, id, {})).json.displayName === "during";
  },
  "non-object-body-accepted": async (probe) => (await probe.patchNew(RUN, undefined, { raw: "[]" })).status === 200,
  "non-object-body-crashes": async (probe) => (await probe.patchNew(RUN, undefined, { raw: "42" })).status === 500,
};

export const variantSymptoms: Readonly<Record<string, Symptom>> = {
  "date-times-as-utc-seven-digits": async (probe) => (await probe.patchNew(RUN, { startDateTime: OFFSET_TIME })).json.startDateTime === "2026-03-01T09:00:00.0000000+00:00",
  "extra-response-members": async (probe) => "@odata.context" in (await probe.patchNew(RUN, {})).json,
  "minimal-metadata": async (probe) =>
    !("@odata.type" in (await probe.patchNew(RUN, {})).json) &&
    !("@odata.type" in (await probe.patchNew(IDENTITY, {})).json) &&
    (await probe.patchNew(RUN_GROUP, {})).json["@odata.type"] === "#microsoft.graph.industryData.runGroup",
  "wrong-media-type-answered-400": async (probe) => (await probe.patchNew(RUN, { displayName: "x" }, { contentType: "text/plain" })).status === 400,
  "rich-error-body": async (probe) => {
    const { error } = (await probe.patchNew(RUN, {}, { authenticate: false })).json;
    return typeof error.documentationUrl === "string" && typeof error.innerError.innerError === "object";
  },
  "minimal-error-body": async (probe) => {
    const answer = await probe.patchNew(RUN, {}, { authenticate: false });
    return answer.status === 401 && Object.keys(answer.json.error).join() === "code,message";
  },
  "empty-body-answered-as-not-an-object": async (probe) => {
    const answer = await probe.patchNew(RUN, undefined, { raw: "" });
    return answer.status === 400 && answer.json.error.code === "bodyNotAnObject";
  },
  "no-location-header": async (probe) => {
    const created = await probe.post(validPost);
    return created.status === 201 && !created.headers.has("location");
  },
  "graph-media-type-parameters": async (probe) => (await probe.patchNew(RUN, {})).headers.get("content-type")?.includes("odata.metadata=minimal") === true,
  "reordered-entity-members": async (probe) => Object.keys((await probe.patchNew(RUN, {})).json).at(-1) === "@odata.type",
  "reordered-error-members": async (probe) => Object.keys((await probe.patchNew(RUN, {}, { authenticate: false })).json.error).at(-1) === "code",
  "numeric-looking-ids": async (probe) => /^\d+$/.test((await probe.post(validPost)).json.id),
  "long-ids": async (probe) => {
    const { id } = (await probe.post(validPost)).json;
    return id.length === 400 && (await probe.patch(RUN_GROUP, id, {})).status === 200;
  },
  "url-unsafe-ids": async (probe) => {
    const { id } = (await probe.post(validPost)).json;
    return id !== encodeURIComponent(id) && (await probe.patch(RUN_GROUP, id, {})).json.id === id;
  },
  "unknown-future-value-refused": async (probe) => (await probe.patchNew(RUN, { status: "unknownFutureValue" })).status === 400,
  "path-prefix": async (probe) => (await probe.send("POST", `${probe.origin}/industryData/runGroups`, validPost)).status === 404,
  // The probe's own token is not the one the server demands.
  "exact-token": async (probe) => (await probe.patchNew(RUN, {})).status === 401,
};
