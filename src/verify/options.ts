import { randomBytes, randomInt } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { UsageError } from "../exitCodes";
import { parseHttpUrl } from "../httpUrl";
import { readJsonFile } from "../jsonFile";

import type { TokenCommand } from "../http/credentials";
import { packageManifest } from "../packageFiles";
import { readBaseline, type Baseline } from "./baseline";
import { checks } from "../checks/registry";
import { PACT_CHECK_ID } from "../results/model";
import { findOperation, operations, resourceTypes, type OperationId, type ResourceTypeKey } from "../catalog";
import { isRuleId, ruleIds, type RuleId } from "../rules";
import type { RemotePactSource } from "./pact/source";
import { DEFAULT_MAX_RUN_MS, DEFAULT_REQUEST_TIMEOUT_MS } from "../safety/limits";

/**
 * The one options module of `verify`: the command line as the runner receives it,
 * validated, with every default in one place. Anything wrong ends in a UsageError
 * (exit 2) whose message says which option and why.
 */

export const TOKEN_ENV = "GRAPH_CONFORMANCE_TOKEN";
export const DEFAULT_REPORT_DIR = "reports";
export const DEFAULT_CASES_PER_RULE = 3;
const MAX_SEED = 0xffffffff;
const MAX_CASES = 10_000;
const MAX_TIMEOUT_MS = 10 * 60_000;
const MAX_RUN_MS = 24 * 60 * 60_000;
const MAX_RATE = 10_000;

/** What commander hands over: strings, and arrays for the repeatable options. */
export interface RawVerifyOptions {
  baseUrl?: string;
  token?: string;
  tokenFile?: string;
  stateUrl?: string;
  fixture?: string[];
  path?: string[];
  only?: string[];
  skip?: string[];
  reportDir?: string;
  timeoutMs?: string;
  seed?: string;
  cases?: string;
  contracts?: string;
  allowWrites?: boolean;
  rate?: string;
  maxFailures?: string;
  maxRunMs?: string;
  insecure?: boolean;
  waitForTarget?: string;
  tokenCommand?: string;
  tokenRefreshMs?: string;
  case?: string[];
  checks?: string[];
  excludeChecks?: string[];
  /** The broker options, read by src/broker/ into a RemotePactSource. */
  brokerUrl?: string;
  consumerVersionSelectors?: string;
  enablePending?: boolean;
  includeWipSince?: string;
  publishResults?: boolean;
  providerVersion?: string;
  providerBranch?: string;
  rerunFailed?: string;
  baseline?: string;
  writeBaseline?: string;
}

export interface Selection {
  operations: ReadonlySet<OperationId>;
  rules: ReadonlySet<RuleId>;
}

export interface VerifyOptions {
  /** Absent: start the embedded reference provider. No trailing slash. */
  baseUrl?: string;
  /** The given token; for the embedded provider without one, a random one made up for the run. Unused with `tokenCommand`. */
  token: string;
  /** `--token-command`: the token comes from this command, run again when it expires. */
  tokenCommand?: TokenCommand;
  /** Given with --state-url; otherwise `<base-url>/_pact/provider-states`. */
  stateUrl?: string;
  fixtures: Partial<Record<ResourceTypeKey, string>>;
  pathOverrides: Partial<Record<OperationId, string>>;
  only: Selection;
  skip: Selection;
  reportDir: string;
  timeoutMs: number;
  seed: number;
  casesPerRule: number;
  /** `--contracts`; without it, the catalog's Pact files (src/contracts/catalogContracts.ts). */
  contractsDir?: string;
  /** `--broker-url`: the pacts come from a Pact Broker (src/broker/) instead of contractsDir. */
  remotePacts?: RemotePactSource;
  /** `--allow-writes`: write to a target that is not loopback (safety/writeGuard.ts). */
  allowWrites: boolean;
  /** Requests per second; unlimited when absent. */
  rate?: number;
  maxFailures?: number;
  maxRunMs: number;
  /** `--insecure`: accept a TLS certificate that does not verify. */
  insecure: boolean;
  /** `--wait-for-target`: how long to wait for the target to answer before the run (0: ask once). */
  waitForTargetMs: number;
  /** `--case`, `--rerun-failed`: only the checks with these ids. */
  checkIds?: ReadonlySet<string>;
  /** `--rerun-failed`: what the earlier run sent first in each case, to prove the rerun repeats it. */
  rerunBodies?: ReadonlyMap<string, string>;
  /** `--checks`, `--exclude-checks`: the check ids (registry ids, `pact_verification`) that judge this run. */
  checkSelection?: { include?: ReadonlySet<string>; exclude: ReadonlySet<string> };
  /** `--baseline`: known failures that are accepted. */
  baseline?: Baseline;
  /** `--write-baseline`: where this run's failures are written as a baseline. */
  writeBaseline?: string;
}

function httpUrl(option: string, value: string): string {
  const url = parseHttpUrl(value, option);
  if (url.search || url.hash) throw new UsageError(`${option} must not carry a query or fragment, got ${JSON.stringify(value)}`);
  if (url.username || url.password) throw new UsageError(`${option} must not carry credentials; pass the token with --token-file or ${TOKEN_ENV}`);
  return url.href.replace(/\/+$/, "");
}

function integer(option: string, value: string, min: number, max: number): number {
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number) || number < min || number > max) {
    throw new UsageError(`${option} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return number;
}

function positiveNumber(option: string, value: string, max: number): number {
  const number = Number(value);
  if (!/^\d*\.?\d+$/.test(value.trim()) || !(number > 0) || number > max) throw new UsageError(`${option} must be a number above 0 and at most ${max}, got ${JSON.stringify(value)}`);
  return number;
}

function checkedToken(token: string, where: string): string {
  if (token === "") throw new UsageError(`the token from ${where} is empty`);
  // A header value cannot hold line breaks; a token never holds spaces.
  if (/[\s\u0000-\u001f\u007f]/.test(token)) throw new UsageError(`the token from ${where} must be one word without spaces or control characters`);
  return token;
}

/** The token given; GRAPH_CONFORMANCE_TOKEN reaches `raw.token` through the command's settings (commands/settings.ts). */
function resolveToken(raw: RawVerifyOptions, cwd: string): string | undefined {
  if ([raw.token, raw.tokenFile, raw.tokenCommand].filter((given) => given !== undefined).length > 1) throw new UsageError("give the token once: --token, --token-file or --token-command, not two of them");
  if (raw.token !== undefined) return checkedToken(raw.token.trim(), "--token");
  if (raw.tokenFile !== undefined) {
    let text: string;
    try {
      text = fs.readFileSync(path.resolve(cwd, raw.tokenFile), "utf8");
    } catch (error) {
      throw new UsageError(`--token-file ${raw.tokenFile} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    return checkedToken(text.trim(), "--token-file");
  }
  return undefined;
}

function resolveTokenCommand(raw: RawVerifyOptions, cwd: string): TokenCommand | undefined {
  if (raw.tokenRefreshMs !== undefined && raw.tokenCommand === undefined) throw new UsageError("--token-refresh-ms needs --token-command");
  if (raw.tokenCommand === undefined) return undefined;
  if (raw.tokenCommand.trim() === "") throw new UsageError("--token-command must not be empty");
  return {
    command: raw.tokenCommand,
    cwd,
    ...(raw.tokenRefreshMs === undefined ? {} : { refreshMs: integer("--token-refresh-ms", raw.tokenRefreshMs, 1000, MAX_RUN_MS) }),
  };
}

function pairs(option: string, values: readonly string[], shape: string): [string, string][] {
  return values.map((value) => {
    const at = value.indexOf("=");
    if (at <= 0 || at === value.length - 1) throw new UsageError(`${option} must be ${shape}, got ${JSON.stringify(value)}`);
    return [value.slice(0, at).trim(), value.slice(at + 1).trim()];
  });
}

function resolveFixtures(values: readonly string[]): Partial<Record<ResourceTypeKey, string>> {
  const fixtures: Partial<Record<ResourceTypeKey, string>> = {};
  for (const [type, id] of pairs("--fixture", values, "<type>=<id>")) {
    if (!Object.hasOwn(resourceTypes(), type)) throw new UsageError(`--fixture: unknown type ${JSON.stringify(type)}; types: ${Object.keys(resourceTypes()).join(", ")}`);
    if (fixtures[type as ResourceTypeKey] !== undefined) throw new UsageError(`--fixture: ${type} is given twice`);
    fixtures[type as ResourceTypeKey] = id;
  }
  return fixtures;
}

function resolvePaths(values: readonly string[]): Partial<Record<OperationId, string>> {
  const overrides: Partial<Record<OperationId, string>> = {};
  for (const [id, template] of pairs("--path", values, "<operation-id>=<path>")) {
    const operation = findOperation(id);
    if (!operation) throw new UsageError(`--path: unknown operation ${JSON.stringify(id)}; operations: ${operations().map((candidate) => candidate.id).join(", ")}`);
    if (!template.startsWith("/") || /[?#\s]/.test(template)) throw new UsageError(`--path ${id}: the path must start with "/" and hold no query, fragment or space, got ${JSON.stringify(template)}`);
    const holdsId = template.includes("{id}");
    if (operation.method === "PATCH" && !holdsId) throw new UsageError(`--path ${id}: a PATCH path must hold {id}, got ${JSON.stringify(template)}`);
    if (operation.method === "POST" && holdsId) throw new UsageError(`--path ${id}: a POST path has no {id}, got ${JSON.stringify(template)}`);
    overrides[operation.id] = template;
  }
  return overrides;
}

/** Check ids, repeatable or comma-separated; each must be one of the registry's or the Pact verification's. */
function checkIdList(option: string, values: readonly string[] | undefined): Set<string> | undefined {
  if (!values || values.length === 0) return undefined;
  const known = [...checks.map((check) => check.id), PACT_CHECK_ID];
  const ids = new Set(values.flatMap((value) => value.split(",")).map((id) => id.trim()).filter(Boolean));
  for (const id of ids) if (!known.includes(id)) throw new UsageError(`${option}: unknown check ${JSON.stringify(id)}; the checks are: ${known.join(", ")}`);
  return ids;
}

function resolveCheckSelection(raw: RawVerifyOptions): VerifyOptions["checkSelection"] {
  const include = checkIdList("--checks", raw.checks);
  const exclude = checkIdList("--exclude-checks", raw.excludeChecks) ?? new Set<string>();
  if (!include && exclude.size === 0) return undefined;
  return { ...(include ? { include } : {}), exclude };
}

function resolveSelection(option: string, values: readonly string[]): Selection {
  const selected = { operations: new Set<OperationId>(), rules: new Set<RuleId>() };
  for (const item of values.flatMap((value) => value.split(",")).map((value) => value.trim()).filter(Boolean)) {
    const operation = findOperation(item);
    if (operation) selected.operations.add(operation.id);
    else if (isRuleId(item)) selected.rules.add(item);
    else throw new UsageError(`${option}: ${JSON.stringify(item)} is neither an operation id nor a rule id (P1–P10, E1–E14)`);
  }
  return selected;
}

/** Whether an operation and rule take part in the run; a Pact interaction without a rule counts as selected by rule. */
export function isSelected(options: Pick<VerifyOptions, "only" | "skip">, operationId: OperationId, ruleId?: RuleId): boolean {
  const { only, skip } = options;
  if (only.operations.size > 0 && !only.operations.has(operationId)) return false;
  if (only.rules.size > 0 && (ruleId === undefined || !only.rules.has(ruleId))) return false;
  return !skip.operations.has(operationId) && !(ruleId !== undefined && skip.rules.has(ruleId));
}

interface EarlierRun {
  tool?: { version?: unknown };
  seed?: unknown;
  casesPerRule?: unknown;
  checks?: { id?: unknown; status?: unknown; source?: unknown; exchanges?: { request?: { body?: unknown } }[] }[];
}

/** `--rerun-failed RESULTS`: the earlier run's seed, cases per rule and failed checks, from its results.json. */
function readRerun(file: string, shown: string): { seed: number; casesPerRule: number; ids: string[]; bodies: Map<string, string> } {
  const earlier = (readJsonFile(file, `--rerun-failed ${shown}`) ?? {}) as EarlierRun;
  const version = packageManifest().version;
  if (typeof earlier.seed !== "number" || typeof earlier.casesPerRule !== "number" || !Array.isArray(earlier.checks)) throw new UsageError(`--rerun-failed ${shown} is not a results.json of graph-conformance`);
  if (earlier.tool?.version !== version) throw new UsageError(`--rerun-failed ${shown} is from version ${String(earlier.tool?.version)}, this is ${version}: its cases cannot be rebuilt the same`);
  const failed = earlier.checks.filter((check) => check.status === "failed");
  if (failed.some((check) => typeof check.id !== "string")) throw new UsageError(`--rerun-failed ${shown}: its checks carry no ids, so they cannot be rebuilt`);
  if (failed.length === 0) throw new UsageError(`--rerun-failed ${shown} has no failed checks to run again`);
  const bodies = new Map<string, string>();
  for (const check of failed) {
    const body = check.exchanges?.[0]?.request?.body;
    if (check.source === "conformance" && typeof body === "string") bodies.set(check.id as string, body);
  }
  return { seed: earlier.seed, casesPerRule: earlier.casesPerRule, ids: failed.map((check) => check.id as string), bodies };
}

export function resolveVerifyOptions(raw: RawVerifyOptions, cwd: string, remotePacts?: RemotePactSource): VerifyOptions {
  if (raw.rerunFailed !== undefined && (raw.seed !== undefined || raw.cases !== undefined || raw.case !== undefined)) {
    throw new UsageError("--rerun-failed runs the earlier run's checks with its seed and cases: leave out --seed, --cases and --case");
  }
  const rerun = raw.rerunFailed === undefined ? undefined : readRerun(path.resolve(cwd, raw.rerunFailed), raw.rerunFailed);
  const checkIds = rerun ? new Set(rerun.ids) : raw.case && raw.case.length > 0 ? new Set(raw.case.flatMap((value) => value.split(",")).map((id) => id.trim()).filter(Boolean)) : undefined;
  const baseUrl = raw.baseUrl === undefined ? undefined : httpUrl("--base-url", raw.baseUrl);
  const stateUrl = raw.stateUrl === undefined ? undefined : httpUrl("--state-url", raw.stateUrl);
  if (stateUrl !== undefined && baseUrl === undefined) throw new UsageError("--state-url needs --base-url: the embedded provider has its own state URL");
  const fixtures = resolveFixtures(raw.fixture ?? []);
  if (Object.keys(fixtures).length > 0 && baseUrl === undefined) throw new UsageError("--fixture needs --base-url: the embedded provider creates its entities through its state URL");
  const token = resolveToken(raw, cwd);
  const tokenCommand = resolveTokenCommand(raw, cwd);
  if (baseUrl !== undefined && token === undefined && tokenCommand === undefined) throw new UsageError(`no token for ${baseUrl}: pass --token, --token-file, --token-command or set ${TOKEN_ENV}`);
  const options: VerifyOptions = {
    ...(baseUrl === undefined ? {} : { baseUrl }),
    token: token ?? randomBytes(24).toString("base64url"),
    ...(tokenCommand ? { tokenCommand } : {}),
    ...(stateUrl === undefined ? {} : { stateUrl }),
    fixtures,
    pathOverrides: resolvePaths(raw.path ?? []),
    only: resolveSelection("--only", raw.only ?? []),
    skip: resolveSelection("--skip", raw.skip ?? []),
    reportDir: path.resolve(cwd, raw.reportDir ?? DEFAULT_REPORT_DIR),
    timeoutMs: raw.timeoutMs === undefined ? DEFAULT_REQUEST_TIMEOUT_MS : integer("--timeout-ms", raw.timeoutMs, 1, MAX_TIMEOUT_MS),
    seed: rerun?.seed ?? (raw.seed === undefined ? randomInt(0, MAX_SEED) : integer("--seed", raw.seed, 0, MAX_SEED)),
    casesPerRule: rerun?.casesPerRule ?? (raw.cases === undefined ? DEFAULT_CASES_PER_RULE : integer("--cases", raw.cases, 0, MAX_CASES)),
    ...(raw.contracts === undefined ? {} : { contractsDir: path.resolve(cwd, raw.contracts) }),
    ...(remotePacts ? { remotePacts } : {}),
    allowWrites: raw.allowWrites === true,
    ...(raw.rate === undefined ? {} : { rate: positiveNumber("--rate", raw.rate, MAX_RATE) }),
    ...(raw.maxFailures === undefined ? {} : { maxFailures: integer("--max-failures", raw.maxFailures, 1, Number.MAX_SAFE_INTEGER) }),
    maxRunMs: raw.maxRunMs === undefined ? DEFAULT_MAX_RUN_MS : integer("--max-run-ms", raw.maxRunMs, 1, MAX_RUN_MS),
    insecure: raw.insecure === true,
    waitForTargetMs: raw.waitForTarget === undefined ? 0 : integer("--wait-for-target", raw.waitForTarget, 0, MAX_RUN_MS),
    ...(checkIds ? { checkIds } : {}),
    ...(resolveCheckSelection(raw) ? { checkSelection: resolveCheckSelection(raw) } : {}),
    ...(rerun ? { rerunBodies: rerun.bodies } : {}),
    ...(raw.baseline === undefined ? {} : { baseline: readBaseline(path.resolve(cwd, raw.baseline)) }),
    ...(raw.writeBaseline === undefined ? {} : { writeBaseline: path.resolve(cwd, raw.writeBaseline) }),
  };
  if (!operations().some((operation) => ruleIds.some((rule) => isSelected(options, operation.id, rule)))) throw new UsageError("--only and --skip leave no operation to verify");
  return options;
}
