/**
 * Load benchmark of the reference provider (issues 3 and 8): `npm run bench:provider
 * [-- --duration S] [--connections N]`.
 *
 * The provider runs as `graph-conformance serve` in a child process on loopback, so
 * it has a core to itself while autocannon drives it from this one. Three measured
 * phases of S seconds (default 10) with N connections (default 50): PATCH only,
 * POST only, and PATCH and POST mixed. Each prints throughput, p50/p99 latency and the
 * count of 5xx answers and transport errors; the figures are printed, never asserted.
 *
 * Lost-update check. Every connection owns one "lane": one member of one entity,
 * which no other connection writes. Connections share entities, so PATCHes of one
 * entity run concurrently, each changing a different member. A lane writes a new,
 * unique value on every request and waits for its answer (autocannon sends one
 * request at a time per connection), so after the phase the entity must hold, in
 * that member, the lane's last acknowledged value, or the one still in flight when
 * the phase ended. Anything else (an older value) is a lost update. Every 201 of a
 * POST is read back too: its id must be new and its entity must hold the sent name.
 *
 * Exit status: 0 no 5xx, no lost update, every POST kept; 1 otherwise; 2 bad arguments
 * or the provider could not be started.
 */
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { randomBytes } from "node:crypto";
import autocannon from "autocannon";
import { operations, resourceTypes, type Operation, type ResourceTypeKey } from "../src/catalog";

const BIN = path.resolve(__dirname, "../bin/graph-conformance.js");

interface Options {
  duration: number;
  connections: number;
}

function parseArguments(argv: string[]): Options {
  const options: Options = { duration: 10, connections: 50 };
  for (let index = 0; index < argv.length; index += 2) {
    const [name, value] = [argv[index], argv[index + 1]];
    const number = Number(value);
    if ((name === "--duration" || name === "--connections") && Number.isInteger(number) && number > 0 && number <= 600) {
      options[name === "--duration" ? "duration" : "connections"] = number;
    } else {
      throw new Error(`usage: bench/provider.ts [--duration seconds] [--connections n] (got ${[name, value].join(" ")})`);
    }
  }
  return options;
}

interface Provider {
  baseUrl: string;
  stateUrl: string;
  token: string;
  child: ChildProcess;
}

function startProvider(token: string): Promise<Provider> {
  const child = spawn(process.execPath, [BIN, "serve", "--port", "0", "--token", token], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const base = /^Reference provider: (\S+)$/m.exec(output);
      const state = /^Provider states: +(\S+)$/m.exec(output);
      if (base && state) resolve({ baseUrl: base[1]!, stateUrl: state[1]!, token, child });
    };
    child.stdout!.on("data", collect);
    child.stderr!.on("data", collect);
    child.on("exit", (code) => reject(new Error(`the provider exited (${code}) before it was ready:\n${output}`)));
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

function send(url: string, method: string, body: unknown, token?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const text = JSON.stringify(body);
  const headers: Record<string, string> = { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) };
  if (token) headers.authorization = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) }));
    });
    request.on("error", reject);
    request.end(text);
  });
}

/** Runs `work` over `items`, `limit` at a time. */
async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

const dateOf = (seq: number) => new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString();

/** Members a lane can write a fresh value to on every request (no enums: they have too few values). */
const laneMembers: Readonly<Record<ResourceTypeKey, Record<string, (lane: number, seq: number) => unknown>>> = {
  "industryData.run": industryDataLaneMembers(),
  "industryData.runGroup": industryDataLaneMembers(),
  "industryData.outgoingFlowRun": industryDataLaneMembers(),
  "identityGovernance.run": {
    failedTasksCount: (_lane, seq) => seq,
    failedUsersCount: (_lane, seq) => seq,
    successfulUsersCount: (_lane, seq) => seq,
    totalUsersCount: (_lane, seq) => seq,
    totalUnprocessedTasksCount: (_lane, seq) => seq,
    scheduledDateTime: (_lane, seq) => dateOf(seq),
    startedDateTime: (_lane, seq) => dateOf(seq),
    completedDateTime: (_lane, seq) => dateOf(seq),
    lastUpdatedDateTime: (_lane, seq) => dateOf(seq),
  },
};

function industryDataLaneMembers(): Record<string, (lane: number, seq: number) => unknown> {
  return {
    displayName: (lane, seq) => `lane ${lane} write ${seq} · Zürich ✓`,
    statistics: (lane, seq) => ({ lane, seq }),
    blockingError: (lane, seq) => ({ code: "laneWrite", message: `lane ${lane} write ${seq}` }),
    startDateTime: (_lane, seq) => dateOf(seq),
    endDateTime: (_lane, seq) => dateOf(seq),
  };
}

interface Lane {
  operation: Operation;
  entityId: string;
  member: string;
  value: (lane: number, seq: number) => unknown;
  seq: number;
  /** The last value the provider acknowledged with a 200. */
  acknowledged: unknown;
  /** The value of the request in flight, if any. */
  pending: unknown;
}

/** Creates entities until there is one lane per connection; returns the lanes. */
async function createLanes(provider: Provider, phase: string, connections: number): Promise<Lane[]> {
  const lanes: Lane[] = [];
  const updates = operations().filter((operation) => operation.method === "PATCH");
  for (let group = 0; lanes.length < connections; group += 1) {
    for (const operation of updates) {
      const entityId = `bench-${phase}-${operation.type}-${group}`;
      const setup = await send(provider.stateUrl, "POST", { state: resourceTypes()[operation.type].providerState, params: { id: entityId }, action: "setup" });
      if (setup.status !== 200) throw new Error(`provider state setup answered ${setup.status}`);
      const initial = (await send(`${provider.baseUrl}${operation.path.replace("{id}", entityId)}`, "PATCH", {}, provider.token)).body;
      for (const [member, value] of Object.entries(laneMembers[operation.type])) {
        lanes.push({ operation, entityId, member, value, seq: 0, acknowledged: initial[member], pending: undefined });
      }
    }
  }
  return lanes;
}

interface Created {
  id: string;
  displayName: string;
}

interface PostRecord {
  created: Created[];
  rejected: number;
}

function patchRequest(lane: Lane, laneNumber: number, basePath: string, headers: Record<string, string>): autocannon.Request {
  const lanePath = `${basePath}${lane.operation.path.replace("{id}", encodeURIComponent(lane.entityId))}`;
  return {
    method: "PATCH",
    setupRequest(request) {
      lane.seq += 1;
      lane.pending = lane.value(laneNumber, lane.seq);
      request.method = "PATCH";
      request.path = lanePath;
      request.headers = headers;
      request.body = JSON.stringify({ [lane.member]: lane.pending });
      return request;
    },
    onResponse(status) {
      if (status === 200) lane.acknowledged = lane.pending;
      lane.pending = undefined;
    },
  };
}

function postRequest(createPath: string, connection: number, headers: Record<string, string>, record: PostRecord): autocannon.Request {
  let seq = 0;
  return {
    method: "POST",
    setupRequest(request) {
      seq += 1;
      request.method = "POST";
      request.path = createPath;
      request.headers = headers;
      request.body = JSON.stringify({ displayName: `post ${connection}-${seq}`, startDateTime: dateOf(seq), status: "running", statistics: { seq } });
      return request;
    },
    onResponse(status, body) {
      if (status !== 201) {
        record.rejected += 1;
        return;
      }
      const entity = JSON.parse(body) as { id: string; displayName: string };
      record.created.push({ id: entity.id, displayName: entity.displayName });
    },
  };
}

type Mix = "patch" | "post" | "mixed";

interface PhaseResult {
  name: string;
  result: autocannon.Result;
  lostUpdates: string[];
  postProblems: string[];
  created: number;
}

async function runPhase(provider: Provider, name: string, mix: Mix, options: Options): Promise<PhaseResult> {
  const basePath = new URL(provider.baseUrl).pathname.replace(/\/$/, "");
  const createOperation = operations().find((operation) => operation.method === "POST")!;
  const createPath = `${basePath}${createOperation.path}`;
  const headers = { "content-type": "application/json", authorization: `Bearer ${provider.token}` };
  const lanes = mix === "post" ? [] : await createLanes(provider, name, options.connections);
  const posts: PostRecord = { created: [], rejected: 0 };
  let connection = 0;

  const result = await autocannon({
    url: provider.baseUrl,
    connections: options.connections,
    duration: options.duration,
    timeout: 10,
    requests: [{ method: "GET" }],
    setupClient(client) {
      const number = connection++;
      const requests: autocannon.Request[] = [];
      if (mix !== "post") requests.push(patchRequest(lanes[number]!, number, basePath, headers));
      if (mix !== "patch") requests.push(postRequest(createPath, number, headers, posts));
      client.setRequests(requests);
    },
  });

  const lostUpdates: string[] = [];
  for (const lane of lanes) {
    const url = `${provider.baseUrl}${lane.operation.path.replace("{id}", lane.entityId)}`;
    const held = (await send(url, "PATCH", {}, provider.token)).body[lane.member];
    const same = (value: unknown) => JSON.stringify(value) === JSON.stringify(held);
    if (!same(lane.acknowledged) && !(lane.pending !== undefined && same(lane.pending))) {
      lostUpdates.push(`${lane.entityId}.${lane.member}: holds ${JSON.stringify(held)}, last acknowledged ${JSON.stringify(lane.acknowledged)}`);
    }
  }

  const postProblems: string[] = [];
  const ids = new Set(posts.created.map((created) => created.id));
  if (ids.size !== posts.created.length) postProblems.push(`${posts.created.length - ids.size} POSTs answered an id given out before`);
  if (posts.rejected > 0) postProblems.push(`${posts.rejected} valid POSTs were not answered 201`);
  const updateOfCreated = operations().find((operation) => operation.method === "PATCH" && operation.type === createOperation.type)!;
  await inPool(posts.created, 32, async (created) => {
    const answer = await send(`${provider.baseUrl}${updateOfCreated.path.replace("{id}", encodeURIComponent(created.id))}`, "PATCH", {}, provider.token);
    if (answer.status !== 200 || answer.body.displayName !== created.displayName) {
      postProblems.push(`created ${created.id}: read back ${answer.status} ${JSON.stringify(answer.body.displayName)}, expected ${JSON.stringify(created.displayName)}`);
    }
  });
  return { name, result, lostUpdates, postProblems, created: posts.created.length };
}

function count5xx(result: autocannon.Result): number {
  return Object.entries(result.statusCodeStats)
    .filter(([status]) => status.startsWith("5"))
    .reduce((sum, [, stats]) => sum + stats.count, 0);
}

function report(phase: PhaseResult): string {
  const { result } = phase;
  return [
    `${phase.name.padEnd(7)} ${Math.round(result.requests.average).toString().padStart(7)} req/s`,
    `p50 ${result.latency.p50.toString().padStart(3)} ms`,
    `p99 ${result.latency.p99.toString().padStart(3)} ms`,
    `max ${result.latency.max.toString().padStart(4)} ms`,
    `${result.requests.total} requests`,
    `5xx ${count5xx(result)}`,
    `non-2xx ${result.non2xx}`,
    `errors ${result.errors} (timeouts ${result.timeouts})`,
    `lost updates ${phase.lostUpdates.length}`,
    `POSTs kept ${phase.created - phase.postProblems.length}/${phase.created}`,
  ].join(" | ");
}

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const token = randomBytes(16).toString("hex");
  let provider: Provider;
  try {
    provider = await startProvider(token);
  } catch (error) {
    process.stderr.write(`bench:provider: ${(error as Error).message}\n`);
    return 2;
  }
  try {
    process.stdout.write(`Reference provider at ${provider.baseUrl}; ${options.connections} connections, ${options.duration} s per phase\n`);
    await runPhase(provider, "warm-up", "mixed", { ...options, duration: 2 });
    const phases = [
      await runPhase(provider, "PATCH", "patch", options),
      await runPhase(provider, "POST", "post", options),
      await runPhase(provider, "mixed", "mixed", options),
    ];
    for (const phase of phases) process.stdout.write(`${report(phase)}\n`);
    const problems = phases.flatMap((phase) => [
      ...(count5xx(phase.result) > 0 ? [`${phase.name}: ${count5xx(phase.result)} answers were 5xx`] : []),
      ...(phase.result.non2xx > count5xx(phase.result) ? [`${phase.name}: ${phase.result.non2xx} valid requests were refused`] : []),
      ...phase.lostUpdates.map((lost) => `${phase.name}: lost update: ${lost}`),
      ...phase.postProblems.map((problem) => `${phase.name}: ${problem}`),
    ]);
    for (const problem of problems.slice(0, 20)) process.stdout.write(`FAIL ${problem}\n`);
    process.stdout.write(problems.length === 0 ? "OK: no 5xx, no lost update, every created entity kept\n" : `${problems.length} problems\n`);
    return problems.length === 0 ? 0 : 1;
  } finally {
    agent.destroy();
    provider.child.kill("SIGINT");
  }
}

void main().then((code) => {
  process.exitCode = code;
});
