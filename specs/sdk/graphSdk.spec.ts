import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { findOperation, operationPath, resourceTypes } from "../../src/catalog";
import { startReferenceProvider, type RunningProvider } from "../../src/provider";
import type { CodecReply, CodecRequest, Model } from "./sdkCodec";

/**
 * The reference provider as a server team's clients see it through the official
 * Graph beta SDK (@microsoft/msgraph-beta-sdk, Kiota): bodies written by the SDK's
 * serializer for identityGovernance.run, answers read by its parse nodes, errors by
 * its ODataError model. The SDK has no models for the industryData runs, so only
 * identityGovernance.run is used here (RULES-README-NOTES.md, SDK notes).
 */

const TOKEN = "sdk-spec-token";
const operation = findOperation("identityGovernance.run.update")!;

type Payload<R> = R extends { op: infer _ } ? Omit<R, "id"> : never;

class SdkCodec {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: CodecReply) => void>();
  readonly ready: Promise<void>;

  constructor(private readonly child: ChildProcess) {
    this.ready = new Promise((resolve, reject) => {
      this.pending.set(0, () => resolve());
      child.once("exit", (code) => reject(new Error(`the SDK codec exited (${code})`)));
    });
    child.on("message", (reply: CodecReply) => {
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    });
  }

  async call(request: Payload<CodecRequest>): Promise<any> {
    const id = this.nextId++;
    const reply = await new Promise<CodecReply>((resolve) => {
      this.pending.set(id, resolve);
      this.child.send({ ...request, id });
    });
    if ("error" in reply) throw new Error(reply.error);
    return reply.result;
  }

  serializeRun(model: Model): Promise<string> {
    return this.call({ op: "serializeRun", model });
  }

  parseRun(json: string): Promise<Model> {
    return this.call({ op: "parseRun", json });
  }

  parseODataError(json: string): Promise<any> {
    return this.call({ op: "parseODataError", json });
  }
}

describe("the official Graph beta SDK as a client of the reference provider", () => {
  let provider: RunningProvider;
  let codec: SdkCodec;
  let child: ChildProcess;
  let entities = 0;

  beforeAll(async () => {
    provider = await startReferenceProvider({ token: TOKEN });
    child = fork(path.join(__dirname, "sdkCodec.ts"), [], { execArgv: ["--require", require.resolve("esbuild-register")], serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] });
    codec = new SdkCodec(child);
    await codec.ready;
  }, 60_000);

  afterAll(async () => {
    child?.kill();
    await provider?.close();
  });

  async function newRun(): Promise<string> {
    entities += 1;
    const id = `sdk-run-${entities}`;
    const state = await fetch(provider.stateUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ state: resourceTypes()["identityGovernance.run"].providerState, params: { id }, action: "setup" }),
    });
    expect(state.status).toBe(200);
    return id;
  }

  async function patch(id: string, body: string, authorization = `Bearer ${TOKEN}`): Promise<{ status: number; text: string }> {
    const response = await fetch(`${provider.baseUrl}${operationPath(operation, id)}`, { method: "PATCH", headers: { "content-type": "application/json", authorization }, body });
    return { status: response.status, text: await response.text() };
  }

  it("accepts a body the SDK's serializer wrote, and the SDK reads back the values sent (date-times as instants)", async () => {
    const id = await newRun();
    // A wall-clock time with an offset: the SDK writes the instant in UTC.
    const scheduled = new Date("2026-03-01T10:00:00+02:00");
    const body = await codec.serializeRun({ processingStatus: "completedWithErrors", failedTasksCount: 2147483647, workflowExecutionType: "scheduled", scheduledDateTime: scheduled, completedDateTime: null });
    expect(JSON.parse(body)).toEqual({ processingStatus: "completedWithErrors", failedTasksCount: 2147483647, workflowExecutionType: "scheduled", scheduledDateTime: "2026-03-01T08:00:00.000Z", completedDateTime: null });

    const answer = await patch(id, body);
    expect(answer.status).toBe(200);
    const run = await codec.parseRun(answer.text);
    expect(run).toMatchObject({ id, odataType: "#microsoft.graph.identityGovernance.run", processingStatus: "completedWithErrors", failedTasksCount: 2147483647, workflowExecutionType: "scheduled" });
    expect((run.scheduledDateTime as Date).getTime()).toBe(scheduled.getTime());
    // The provider echoes the null (P10); Kiota's getDateValue reads a null date-time as undefined, not null.
    expect(JSON.parse(answer.text).completedDateTime).toBeNull();
    expect(run).not.toHaveProperty("completedDateTime");
    // Every member of the answer is one the SDK's model knows: nothing lands in additionalData.
    expect(run.additionalData ?? {}).toEqual({});
  });

  it("keeps what an earlier PATCH set when the SDK sends only some members (P2)", async () => {
    const id = await newRun();
    expect((await patch(id, await codec.serializeRun({ failedUsersCount: 7, startedDateTime: new Date("2026-02-01T12:00:00Z") }))).status).toBe(200);
    const answer = await patch(id, await codec.serializeRun({ totalUsersCount: 9 }));
    expect(answer.status).toBe(200);
    const run = await codec.parseRun(answer.text);
    expect(run).toMatchObject({ failedUsersCount: 7, totalUsersCount: 9 });
    expect((run.startedDateTime as Date).toISOString()).toBe("2026-02-01T12:00:00.000Z");
  });

  it("accepts the SDK's read-modify-write: the model it read, with its id and @odata.type, changed and sent back whole", async () => {
    const id = await newRun();
    const read = await codec.parseRun((await patch(id, "{}")).text);
    const body = await codec.serializeRun({ ...read, processingStatus: "canceled" });
    expect(JSON.parse(body)).toMatchObject({ id, "@odata.type": "#microsoft.graph.identityGovernance.run", processingStatus: "canceled" });

    const answer = await patch(id, body);
    expect(answer.status).toBe(200);
    expect(await codec.parseRun(answer.text)).toEqual({ ...read, processingStatus: "canceled" });
  });

  it("refuses a read-modify-write whose model names another id (E8), and the SDK reads the Graph error", async () => {
    const id = await newRun();
    const read = await codec.parseRun((await patch(id, "{}")).text);
    const answer = await patch(id, await codec.serializeRun({ ...read, id: `${id}-copy` }));
    expect(answer.status).toBe(400);
    const error = await codec.parseODataError(answer.text);
    expect(error.errorEscaped).toMatchObject({ code: "unknownMember", target: "$.id" });
    expect(error.message).toBe(error.errorEscaped.message);
    expect(error.message).toContain(id);
  });

  it("refuses a member the SDK's model has but rules.md's type does not (totalTasksCount, E8); the ODataError carries code, message and innerError", async () => {
    const id = await newRun();
    const answer = await patch(id, await codec.serializeRun({ totalTasksCount: 5 }));
    expect(answer.status).toBe(400);
    const error = await codec.parseODataError(answer.text);
    expect(error.errorEscaped).toMatchObject({ code: "unknownMember", target: "$.totalTasksCount" });
    expect(error.errorEscaped.details).toEqual([expect.objectContaining({ code: "unknownMember", target: "$.totalTasksCount" })]);
    expect(typeof error.errorEscaped.innerError.requestId).toBe("string");
    expect((error.errorEscaped.innerError.date as Date).toISOString()).toBe(JSON.parse(answer.text).error.innerError.date);
  });

  it("refuses the null the SDK writes for a member its model types nullable and rules.md does not (failedTasksCount, E13)", async () => {
    const id = await newRun();
    const body = await codec.serializeRun({ failedTasksCount: null });
    expect(JSON.parse(body)).toEqual({ failedTasksCount: null });
    const answer = await patch(id, body);
    expect(answer.status).toBe(400);
    expect((await codec.parseODataError(answer.text)).errorEscaped).toMatchObject({ code: "nullNotAllowed", target: "$.failedTasksCount" });
  });

  it.each([["Basic dXNlcjpwYXNz"], ["Bearer "]])("answers Authorization %j with a 401 the SDK reads as an ODataError (E1)", async (authorization) => {
    const id = await newRun();
    const answer = await patch(id, await codec.serializeRun({ totalUsersCount: 1 }), authorization);
    expect(answer.status).toBe(401);
    expect((await codec.parseODataError(answer.text)).errorEscaped.code).toBe("unauthenticated");
  });
});
