import path from "node:path";
import { useCatalog } from "./catalog";
import { loadOperationsFile } from "./catalog/operationsFile";
import { brokerPactSource } from "./broker/brokerVerification";
import { resolveVerifyOptions, type RawVerifyOptions } from "./verify/options";
import { runVerify, type RunListener } from "./verify/run";
import type { RunResults } from "./results/model";

/**
 * The runner as a library: `verify` takes the same options as the command and the
 * config file (camelCase long names; numbers may be numbers), so a server team's
 * own Jest spec can run the suite against its app. It does not read the
 * environment or a config file, and writes no report unless asked (`writeReports`).
 */
export type VerifyRunOptions = {
  [Key in keyof RawVerifyOptions]?: RawVerifyOptions[Key] extends string | undefined ? string | number : RawVerifyOptions[Key];
} & {
  /** An operations file (README "Adding an operation"), relative to `cwd`: its operations are verified beside the built-in five. */
  operations?: string;
};

export async function verify(options: VerifyRunOptions = {}, listener: RunListener = {}, cwd: string = process.cwd()): Promise<RunResults> {
  const { operations, ...rest } = options;
  useCatalog(operations === undefined ? undefined : loadOperationsFile(path.resolve(cwd, operations)));
  try {
    const raw = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, typeof value === "number" ? String(value) : value])) as RawVerifyOptions;
    // The library reads no environment: a broker needs no credentials, or is given its URL with them.
    return await runVerify(resolveVerifyOptions(raw, cwd, brokerPactSource(raw, {})), listener);
  } finally {
    // The built-in catalog again for whatever the caller does next (one verify at a time per process).
    useCatalog();
  }
}

export type { RunListener } from "./verify/run";
export { RunNotMade } from "./verify/run";
