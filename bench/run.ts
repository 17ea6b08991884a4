/**
 * Run benchmark (issue 10): `npm run bench [-- --quick]`. How fast a conformance
 * run is and where its time goes; prints a table with the goals and writes
 * `reports/bench.json`. Figures are printed, never asserted: the exit status is 0
 * whether goals are met or not, 2 when a measurement could not be made (a run
 * that failed, a check that did not pass against the reference provider).
 *
 * 1. Default `verify`: the bin spawned cold, `verify --report-dir <tmp>`, N times
 *    (5; 3 with --quick); median wall time, peak memory of the process tree, and the
 *    run's own `timings` from results.json for the shares (start-up = spawn to the
 *    run's `startedAt`; reports = `finishedAt` to exit).
 * 2. Conformance layer, in this process against the embedded provider: the same
 *    generated cases through `runCases` with the check registry and with a judge
 *    that judges nothing (a raw replay: same client, same requests, same order),
 *    alternated, median of each; then ajv validations per second on the response
 *    bodies that run received.
 * 3. Pact: files of 10, 100 and 1,000 copies of a PATCH interaction with a
 *    provider state, verified through the runner's own `runPactVerification`
 *    (worker process, official Verifier) against the embedded provider.
 * 4. About 10,000 generated cases: `verify --cases N` spawned once.
 * 5. Start-up: `graph-conformance --version` against a bare `node -e 0`, each
 *    spawned cold 10 times, alternated; the ratio of the medians.
 * 6. Bounded memory: `verify --cases 1` against a loopback server that answers
 *    200 MB to every request; the process tree's peak memory.
 *
 * `--compare DIR`: DIR is another build of graph-conformance (a checkout with its
 * `npm ci` done, or an installed package); its default `verify` is spawned in turn
 * with this one's, so both meet the same load, and the table gives both medians and
 * their ratio. This machine's speed moves by a quarter within a day and more between
 * days: a ratio measured side by side says what a change gained where a time alone
 * cannot.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { createHttpClient } from "../src/http/client";
import { fixedCredentials, type Credentials } from "../src/http/credentials";
import { operations, resourceTypes, type ResourceTypeKey } from "../src/catalog";
import { startReferenceProvider } from "../src/provider";
import type { CheckResult, RunResults } from "../src/results/model";
import { ruleIds } from "../src/rules";
import { schemaRegistry } from "../src/catalog";
import type { TestCase } from "../src/checks/types";
import { generateCases } from "../src/verify/cases/generate";
import { runCases, type ConformanceEnvironment } from "../src/verify/conformance";
import { provisionEntities, releaseEntities } from "../src/verify/entities";
import { PROVIDER_STATES_PATH } from "../src/rules";
import { readContracts } from "../src/verify/pact/contracts";
import { runPactVerification } from "../src/verify/pact/runPact";
import type { Target } from "../src/verify/target";
import { repeatedInteractions, type PactDocument } from "./pactInteractions";
import { runMeasured, type ProcessRun } from "./processTree";
import { BenchError, planOf, type Plan } from "./plan";
import { casesPerRuleFor, formatNumber, growth, median, renderTable, verdict, type Row } from "./stats";

const ROOT = path.resolve(__dirname, "..");
const BIN = path.join(ROOT, "bin/graph-conformance.js");
const TEMPLATE_CONTRACT = path.join(ROOT, "contracts/graph-run-client-graph-beta-industryData.json");
const TEMPLATE_INTERACTION = "P1 industryData.run.update:";
const OUT = path.join(ROOT, "reports/bench.json");
const SEED = 20_261_122;
const TIMEOUT_MS = 10_000;

const GOALS = {
  defaultVerifyMs: { max: 1200, unit: "ms" },
  startupRatio: { max: 4, unit: "×" },
  hugeBodiesMiB: { max: 400, unit: "MiB" },
  overhead: { max: 1.5, unit: "×" },
  tenThousandMs: { max: 15_000, unit: "ms" },
  memoryMiB: { max: 300, unit: "MiB" },
};

function log(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `gc-bench-${name}-`));
}

function readResults(dir: string): RunResults {
  return JSON.parse(fs.readFileSync(path.join(dir, "results.json"), "utf8")) as RunResults;
}

function lastLine(text: string): string {
  return text.trim().split("\n").at(-1) ?? "";
}

// ---------------------------------------------------------------- verify as a CLI

interface VerifyRun {
  run: ProcessRun;
  results: RunResults;
  startupMs: number;
  reportsMs: number;
}

/** A build's `verify` spawned cold in its own directory, reports in a scratch one read by `read` and then removed. */
async function spawnedVerify<T>(build: { dir: string; bin: string }, extra: readonly string[], read: (run: ProcessRun, reportDir: string) => T): Promise<T> {
  const reportDir = tempDir("verify");
  try {
    const run = await runMeasured(process.execPath, [build.bin, "verify", "--report-dir", reportDir, ...extra], { cwd: build.dir });
    if (run.exitCode !== 0) throw new BenchError(`${build.bin === BIN ? "" : `${build.dir}: `}${["verify", ...extra].join(" ")} exited ${run.exitCode}: ${lastLine(run.stderr) || lastLine(run.stdout)}`);
    return read(run, reportDir);
  } finally {
    fs.rmSync(reportDir, { recursive: true, force: true });
  }
}

function spawnVerify(extra: readonly string[]): Promise<VerifyRun> {
  return spawnedVerify({ dir: ROOT, bin: BIN }, extra, (run, reportDir) => {
    const results = readResults(reportDir);
    return { run, results, startupMs: Date.parse(results.startedAt) - run.spawnedAt, reportsMs: run.exitedAt - Date.parse(results.finishedAt) };
  });
}

/** The compared build's default `verify`: only its wall time is read, so builds of any age compare. */
function spawnComparedVerify(build: { dir: string; bin: string }): Promise<number> {
  return spawnedVerify(build, [], (run) => run.wallMs);
}

const HUGE_BODY_BYTES = 200 * 1024 * 1024;

/** A run against a server that answers every request with 200 MB, as fast as the client reads. */
async function hugeBodiesRun(): Promise<ProcessRun> {
  const chunk = Buffer.alloc(1024 * 1024, "a");
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { "content-type": "application/json", "content-length": String(HUGE_BODY_BYTES) });
    let written = 0;
    const pump = (): void => {
      while (written < HUGE_BODY_BYTES && !response.destroyed) {
        written += chunk.length;
        if (!response.write(chunk)) return void response.once("drain", pump);
      }
      if (!response.destroyed) response.end();
    };
    response.on("error", () => undefined);
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const dir = tempDir("huge");
  try {
    const { port } = server.address() as { port: number };
    return await runMeasured(process.execPath, [BIN, "verify", "--base-url", `http://127.0.0.1:${port}`, "--token", "bench-huge-bodies", "--cases", "1", "--seed", String(SEED), "--report-dir", dir], { cwd: ROOT });
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const STARTUP_RUNS = 10;

/** Median wall time of `--version` and of a bare Node, spawned in turns so both meet the same load. */
async function startupFigures(): Promise<{ versionMs: number; nodeMs: number }> {
  const version: number[] = [];
  const bare: number[] = [];
  for (let index = 0; index < STARTUP_RUNS; index++) {
    const cli = await runMeasured(process.execPath, [BIN, "--version"], { cwd: ROOT });
    if (cli.exitCode !== 0) throw new BenchError(`--version exited ${cli.exitCode}`);
    version.push(cli.wallMs);
    bare.push((await runMeasured(process.execPath, ["-e", "0"], { cwd: ROOT })).wallMs);
  }
  return { versionMs: median(version), nodeMs: median(bare) };
}

// ---------------------------------------------------------------- in-process layers

interface Embedded {
  target: Target;
  credentials: Credentials;
  close(): Promise<void>;
}

async function embeddedProvider(): Promise<Embedded> {
  const token = randomBytes(16).toString("hex");
  const provider = await startReferenceProvider({ port: 0, host: "127.0.0.1", token });
  return {
    target: { baseUrl: provider.baseUrl, stateUrl: provider.stateUrl, embedded: true, pathOverrides: {} },
    credentials: fixedCredentials(token),
    close: () => provider.close(),
  };
}

function allCases(casesPerRule: number): TestCase[] {
  const schemas = schemaRegistry();
  return operations().flatMap((operation) => ruleIds.flatMap((rule) => generateCases(schemas, operation, rule, { seed: SEED, casesPerRule })));
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

interface LayerFigures {
  cases: number;
  checkedMs: number;
  rawMs: number;
  checked: CheckResult[];
}

async function conformanceLayer(embedded: Embedded, plan: Plan): Promise<LayerFigures> {
  const client = createHttpClient({ timeoutMs: TIMEOUT_MS, credentials: embedded.credentials });
  const cases = allCases(plan.layerCasesPerRule);
  const types = Object.keys(resourceTypes()) as ResourceTypeKey[];
  const held = await provisionEntities(client, embedded.target, types, {});
  const environment: ConformanceEnvironment = { client, target: embedded.target, entities: held, context: { schemas: schemaRegistry() } };
  const raw: ConformanceEnvironment = { ...environment, judge: () => [] };
  const ignore = () => undefined;
  try {
    // Warm-up: JIT, keep-alive sockets, the provider's store.
    await runCases(raw, cases, ignore);
    await runCases(environment, cases, ignore);
    const checkedMs: number[] = [];
    const rawMs: number[] = [];
    let checked: CheckResult[] = [];
    for (let repetition = 0; repetition < plan.layerRepetitions; repetition++) {
      // Alternate which goes first, so neither always meets a warmer or colder process.
      const order = repetition % 2 === 0 ? ["raw", "checked"] : ["checked", "raw"];
      for (const which of order) {
        if (which === "raw") rawMs.push((await timed(() => runCases(raw, cases, ignore))).ms);
        else {
          const run = await timed(() => runCases(environment, cases, ignore));
          checkedMs.push(run.ms);
          checked = run.value;
        }
      }
    }
    const notPassed = checked.filter((result) => result.status !== "passed");
    if (notPassed.length > 0) throw new BenchError(`${notPassed.length} conformance cases did not pass against the reference provider, e.g. ${notPassed[0]!.name}: ${notPassed[0]!.message}`);
    return { cases: cases.length, checkedMs: median(checkedMs), rawMs: median(rawMs), checked };
  } finally {
    await releaseEntities(client, embedded.target, held.values());
  }
}

interface AjvFigures {
  responses: number;
  responsesPerSecond: number;
  errors: number;
  errorsPerSecond: number;
}

function validationsPerSecond(samples: readonly { schema: string; body: unknown }[], seconds: number): number {
  const schemas = schemaRegistry();
  for (const sample of samples) if (!schemas.validate(sample.schema, sample.body).valid) throw new BenchError(`a received body fails ${sample.schema}`);
  let count = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  while (performance.now() < until) {
    for (const sample of samples) schemas.validate(sample.schema, sample.body);
    count += samples.length;
  }
  return count / ((performance.now() - started) / 1000);
}

/** ajv on what the provider really answered: entity bodies against their response schema, errors against the Graph error. */
function ajvThroughput(checked: readonly CheckResult[], seconds: number): AjvFigures {
  const responses: { schema: string; body: unknown }[] = [];
  const errors: { schema: string; body: unknown }[] = [];
  for (const result of checked) {
    const operation = operations().find((candidate) => candidate.id === result.operationId)!;
    for (const exchange of result.exchanges) {
      const response = exchange.response;
      if (!response || exchange.request.url.includes(PROVIDER_STATES_PATH)) continue;
      if (response.status === operation.successStatus) responses.push({ schema: operation.responseSchema, body: JSON.parse(response.body) });
      else if (response.status >= 400 && response.status < 500) errors.push({ schema: "errors/graphError", body: JSON.parse(response.body) });
    }
  }
  return { responses: responses.length, responsesPerSecond: validationsPerSecond(responses, seconds), errors: errors.length, errorsPerSecond: validationsPerSecond(errors, seconds) };
}

interface PactPoint {
  n: number;
  ms: number;
  passed: number;
  /** The core's own mean duration per interaction (its report) over the first and the last tenth: flat when each interaction costs the same however many precede it. */
  firstTenthMs: number;
  lastTenthMs: number;
}

function meanDuration(results: readonly CheckResult[]): number {
  return results.reduce((sum, result) => sum + result.durationMs, 0) / results.length;
}

async function pactScaling(embedded: Embedded, sizes: readonly number[]): Promise<PactPoint[]> {
  const template = JSON.parse(fs.readFileSync(TEMPLATE_CONTRACT, "utf8")) as PactDocument;
  const points: PactPoint[] = [];
  for (const n of sizes) {
    const dir = tempDir(`pact-${n}`);
    try {
      fs.writeFileSync(path.join(dir, "bench.json"), JSON.stringify(repeatedInteractions(template, TEMPLATE_INTERACTION, n)));
      const contracts = readContracts(dir);
      const run = await timed(() => runPactVerification({ contracts, isSelected: () => true, target: embedded.target, credentials: embedded.credentials, fixtures: {}, timeoutMs: TIMEOUT_MS, insecure: false }).then((verification) => verification.results));
      const passed = run.value.filter((result) => result.status === "passed").length;
      if (passed !== n) throw new BenchError(`Pact verification of ${n} interactions: ${passed} passed, e.g. ${run.value.find((result) => result.status !== "passed")?.message}`);
      const tenth = Math.max(1, Math.floor(n / 10));
      points.push({ n, ms: run.ms, passed, firstTenthMs: meanDuration(run.value.slice(0, tenth)), lastTenthMs: meanDuration(run.value.slice(-tenth)) });
      log(`Pact ${n} interactions: ${Math.round(run.ms)} ms`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return points;
}

// ---------------------------------------------------------------- the table

function share(part: number | undefined, whole: number): string {
  return part === undefined ? "n/a" : `${Math.round((part / whole) * 100)} %`;
}

async function main(): Promise<void> {
  const plan = planOf(process.argv.slice(2));
  const began = performance.now();

  const embedded = await embeddedProvider();
  let layer: LayerFigures;
  let ajv: AjvFigures;
  let pact: PactPoint[];
  try {
    log(`conformance layer: ${plan.layerRepetitions} × (checked, raw) at --cases ${plan.layerCasesPerRule}`);
    layer = await conformanceLayer(embedded, plan);
    ajv = ajvThroughput(layer.checked, plan.ajvSeconds);
    log(`Pact scaling: ${plan.pactSizes.join(", ")} interactions`);
    pact = await pactScaling(embedded, plan.pactSizes);
  } finally {
    await embedded.close();
  }

  log(`start-up: --version and node -e 0, ${STARTUP_RUNS} each`);
  const startupRun = await startupFigures();

  log(`default verify: ${plan.verifyRuns} cold runs${plan.compare ? `, in turn with ${plan.compare.dir}'s` : ""}`);
  const verifies: VerifyRun[] = [];
  const compared: number[] = [];
  for (let index = 0; index < plan.verifyRuns; index++) {
    // In turns, each build first every other time, so neither always meets the caches the other warmed.
    if (plan.compare && index % 2 === 1) compared.push(await spawnComparedVerify(plan.compare));
    verifies.push(await spawnVerify([]));
    if (plan.compare && index % 2 === 0) compared.push(await spawnComparedVerify(plan.compare));
  }

  log("bounded memory: verify against 200 MB bodies");
  const huge = await hugeBodiesRun();
  if (huge.exitCode !== 1) throw new BenchError(`verify against 200 MB bodies exited ${huge.exitCode}, expected 1: ${lastLine(huge.stderr)}`);

  const [atOne, atTwo] = [allCases(1).length, allCases(2).length];
  const largeCasesPerRule = casesPerRuleFor(plan.largeCases, atOne, atTwo);
  log(`large run: verify --cases ${largeCasesPerRule}`);
  const large = await spawnVerify(["--cases", String(largeCasesPerRule), "--seed", String(SEED)]);
  const largeCaseCount = large.results.checks.filter((check) => check.source === "conformance").length;

  const wall = median(verifies.map((run) => run.run.wallMs));
  const peakOf = (values: readonly (number | undefined)[]) => {
    const known = values.filter((value): value is number => value !== undefined);
    return known.length > 0 ? Math.max(...known) : undefined;
  };
  const peakPss = peakOf(verifies.map((run) => run.run.treePeakPssMiB));
  const peakRssSum = peakOf(verifies.map((run) => run.run.treePeakRssMiB));
  const peakCli = peakOf(verifies.map((run) => run.run.mainPeakRssMiB));
  const timingOf = (key: "preflightMs" | "pactMs" | "conformanceMs" | "checksMs") => {
    const values = verifies.map((run) => run.results.timings?.[key]).filter((value): value is number => value !== undefined);
    return values.length > 0 ? median(values) : undefined;
  };
  const startup = median(verifies.map((run) => run.startupMs));
  const reports = median(verifies.map((run) => run.reportsMs));
  const defaultChecks = verifies[0]!.results.checks.length;
  const pactGrowth = growth(pact.map((point) => ({ n: point.n, ms: point.ms })));
  const overhead = layer.checkedMs / layer.rawMs;

  const rows: Row[] = [
    { what: "default verify, wall (cold CLI)", measured: wall, unit: "ms", goal: GOALS.defaultVerifyMs, note: `median of ${plan.verifyRuns}; ${defaultChecks} checks; min ${formatNumber(Math.min(...verifies.map((run) => run.run.wallMs)))} ms` },
    ...(plan.compare
      ? [
          { what: "compared build's default verify, wall", measured: median(compared), unit: "ms", note: `median of ${compared.length}, in turn with this build's; ${plan.compare.dir}` } satisfies Row,
          { what: "default verify: this build / compared build", measured: wall / median(compared), unit: "×", note: "ratio of the medians, measured side by side" } satisfies Row,
        ]
      : []),
    {
      what: "default verify, peak memory (PSS)",
      measured: peakPss,
      unit: "MiB",
      goal: GOALS.memoryMiB,
      note: `CLI + Pact worker, sampled every 20 ms; their RSS sum ${peakRssSum === undefined ? "n/a" : formatNumber(peakRssSum)} MiB (shared pages twice); CLI alone (VmHWM) ${peakCli === undefined ? "n/a" : formatNumber(peakCli)} MiB`,
    },
    {
      what: "start-up: --version / bare node -e 0",
      measured: startupRun.versionMs / startupRun.nodeMs,
      unit: "×",
      goal: GOALS.startupRatio,
      note: `${formatNumber(startupRun.versionMs)} ms / ${formatNumber(startupRun.nodeMs)} ms, medians of ${STARTUP_RUNS}`,
    },
    { what: "200 MB bodies: peak memory (PSS)", measured: huge.treePeakPssMiB, unit: "MiB", goal: GOALS.hugeBodiesMiB, note: `every request answered with 200 MB; exit 1 after ${formatNumber(huge.wallMs)} ms, reports written` },
    { what: "share: start-up (spawn → run start)", measured: startup, unit: "ms", note: share(startup, wall) },
    { what: "share: preflight (provider, schemas, cases, states)", measured: timingOf("preflightMs"), unit: "ms", note: share(timingOf("preflightMs"), wall) },
    { what: "share: Pact (worker, beside the cases)", measured: timingOf("pactMs"), unit: "ms", note: share(timingOf("pactMs"), wall) },
    { what: "share: conformance cases (send + judge)", measured: timingOf("conformanceMs"), unit: "ms", note: share(timingOf("conformanceMs"), wall) },
    { what: "share: of which our checks (judge)", measured: timingOf("checksMs"), unit: "ms", note: share(timingOf("checksMs"), wall) },
    { what: "share: reports and exit", measured: reports, unit: "ms", note: share(reports, wall) },
    { what: "conformance layer, checked", measured: layer.cases / (layer.checkedMs / 1000), unit: "cases/s", note: `${layer.cases} cases, median of ${plan.layerRepetitions}` },
    { what: "conformance layer, raw replay (no checks)", measured: layer.cases / (layer.rawMs / 1000), unit: "cases/s", note: "same cases, client and order" },
    { what: "check-layer overhead (checked / raw time)", measured: overhead, unit: "×", goal: GOALS.overhead },
    ...pact.map((point): Row => ({ what: `Pact, ${point.n} interactions`, measured: point.ms / point.n, unit: "ms/interaction", note: `${formatNumber(point.ms)} ms in all (worker start included)` })),
    {
      what: "Pact, marginal cost per added interaction",
      measured: pactGrowth.marginalMs.at(-1),
      unit: "ms",
      note: `${pactGrowth.marginalMs.map(formatNumber).join(" → ")} ms between sizes: ${pactGrowth.linear ? "linear" : "worse than linear"}`,
    },
    {
      what: `Pact, core's ms/interaction, first → last tenth of ${pact.at(-1)!.n}`,
      measured: pact.at(-1)!.lastTenthMs,
      unit: "ms",
      note: `${formatNumber(pact.at(-1)!.firstTenthMs)} → ${formatNumber(pact.at(-1)!.lastTenthMs)} ms (the Verifier's own durations)`,
    },
    { what: "ajv, response schemas", measured: ajv.responsesPerSecond, unit: "validations/s", note: `${ajv.responses} bodies received` },
    { what: "ajv, Graph error schema", measured: ajv.errorsPerSecond, unit: "validations/s", note: `${ajv.errors} bodies received` },
    { what: `${formatNumber(largeCaseCount)} generated cases, wall`, measured: large.run.wallMs, unit: "ms", goal: GOALS.tenThousandMs, note: `verify --cases ${largeCasesPerRule}, cold CLI, reports included` },
    { what: `${formatNumber(largeCaseCount)} generated cases, peak memory (PSS)`, measured: large.run.treePeakPssMiB, unit: "MiB", note: "no goal (the goal is for a default run)" },
  ];

  const table = renderTable(rows);
  const date = new Date().toISOString();
  const machine = `${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim() ?? "?"}), load ${os.loadavg().map((load) => load.toFixed(1)).join(" ")}, Node ${process.version}`;
  process.stdout.write(`\n${table}\n\n${date}${plan.quick ? " (--quick)" : ""}; ${machine}; bench took ${Math.round((performance.now() - began) / 1000)} s\n`);

  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  const document = {
    date,
    quick: plan.quick,
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model.trim(), loadAverage: os.loadavg(), node: process.version },
    rows: rows.map((row) => ({ ...row, verdict: verdict(row) })),
    raw: {
      defaultVerify: verifies.map((run) => ({ wallMs: run.run.wallMs, treePeakPssMiB: run.run.treePeakPssMiB, treePeakRssMiB: run.run.treePeakRssMiB, mainPeakRssMiB: run.run.mainPeakRssMiB, startupMs: run.startupMs, reportsMs: run.reportsMs, timings: run.results.timings })),
      ...(plan.compare ? { compared: { build: plan.compare.dir, wallMs: compared } } : {}),
      startup: startupRun,
      conformanceLayer: { cases: layer.cases, checkedMs: layer.checkedMs, rawMs: layer.rawMs },
      pact,
      large: { casesPerRule: largeCasesPerRule, cases: largeCaseCount, wallMs: large.run.wallMs, treePeakPssMiB: large.run.treePeakPssMiB, treePeakRssMiB: large.run.treePeakRssMiB, timings: large.results.timings },
    },
  };
  fs.writeFileSync(OUT, `${JSON.stringify(document, null, 2)}\n`);
  process.stdout.write(`written ${path.relative(process.cwd(), OUT)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof BenchError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 2;
});

