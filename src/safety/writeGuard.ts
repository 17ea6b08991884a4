import { UsageError } from "../exitCodes";

/**
 * The write guard: every operation under test writes (four PATCHes and a POST), and
 * the provider-state setup creates entities. Against anything but this machine the
 * run starts only when the user said `--allow-writes`, and the refusal lists every
 * write the run would have made, so the user can judge before saying so.
 */

export interface PlannedOperation {
  id: string;
  method: string;
  /** Relative to the base URL, after any override; `{id}` where the entity id is not known yet. */
  path: string;
  /** The provider state a PATCH asks the state URL for (rules.md §5). */
  providerState?: string;
}

export interface WriteGuardInput {
  baseUrl: string;
  allowWrites: boolean;
  /** Where setup/teardown calls go; absent when the entities are given with `--fixture`. */
  stateUrl?: string;
  operations: readonly PlannedOperation[];
}

export interface PlannedWrite {
  method: string;
  url: string;
  what: string;
}

/** The loopback names of rules.md: 127.0.0.0/8, ::1 and localhost. Anything else may be shared. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  if (host === "localhost" || host === "[::1]" || host === "::1") return true;
  // The WHATWG URL parser has already turned `127.1` and `0x7f.0.0.1` into dotted decimal.
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Appends an operation path to a base URL that may carry a prefix (`https://host/beta`). */
export function joinBaseUrl(baseUrl: string, path: string): string {
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/+$/, "");
  return `${base.origin}${prefix}${path.startsWith("/") ? path : `/${path}`}`;
}

export function plannedWrites(input: Omit<WriteGuardInput, "allowWrites">): PlannedWrite[] {
  const writes: PlannedWrite[] = [];
  for (const operation of input.operations) {
    if (input.stateUrl !== undefined && operation.providerState !== undefined) {
      writes.push({ method: "POST", url: input.stateUrl, what: `provider-state setup, later teardown, of "${operation.providerState}": creates, then removes, an entity` });
    }
    writes.push({ method: operation.method, url: joinBaseUrl(input.baseUrl, operation.path), what: operation.id });
  }
  return writes;
}

function hostOf(url: string, option: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`${option} "${url}" is not an absolute URL`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new UsageError(`${option} "${url}" is not an http or https URL`);
  return parsed.hostname;
}

/**
 * Throws a UsageError (exit 2) when the run would write to a host other than this
 * machine without `--allow-writes`. Called before the first request of a run.
 */
export function assertWritesAllowed(input: WriteGuardInput): void {
  const remoteHosts = [hostOf(input.baseUrl, "--base-url"), ...(input.stateUrl === undefined ? [] : [hostOf(input.stateUrl, "--state-url")])].filter(
    (host) => !isLoopbackHost(host),
  );
  if (input.allowWrites || remoteHosts.length === 0) return;
  const lines = plannedWrites(input).map((write) => `  ${write.method} ${write.url}  — ${write.what}`);
  throw new UsageError(
    [
      `refusing to write to ${[...new Set(remoteHosts)].join(", ")}, which is not loopback; every operation under test writes. Re-run with --allow-writes to send:`,
      ...lines,
    ].join("\n"),
  );
}
