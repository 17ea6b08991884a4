import { type Command, InvalidArgumentError } from "commander";
import { DEFAULT_MAX_RUN_MS, DEFAULT_REQUEST_TIMEOUT_MS } from "./limits";

/** The safety options of `verify`, as the runner receives them. */
export interface SafetyOptions {
  allowWrites: boolean;
  /** Requests per second; unlimited when absent. */
  rate?: number;
  maxFailures?: number;
  timeoutMs: number;
  maxRunMs: number;
  /** Accept a TLS certificate that does not verify (self-signed, wrong name). */
  insecure: boolean;
}

function positiveNumber(value: string): number {
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number) || number <= 0) throw new InvalidArgumentError("must be a positive number.");
  return number;
}

function positiveInteger(value: string): number {
  const number = positiveNumber(value);
  if (!Number.isInteger(number)) throw new InvalidArgumentError("must be a positive whole number.");
  return number;
}

/** Adds the safety options to a command; read them back with `safetyOptionsFrom`. */
export function addSafetyOptions(command: Command): Command {
  return command
    .option("--allow-writes", "allow the run to write (POST, PATCH, provider-state setup) to a host that is not loopback", false)
    .option("--rate <n>", "send at most n requests per second (fractions allowed: 0.5 is one every 2 s)", positiveNumber)
    .option("--max-failures <n>", "stop after n failed checks; the run is marked incomplete", positiveInteger)
    .option("--timeout-ms <ms>", "time allowed for one request, to the last byte of its body", positiveInteger, DEFAULT_REQUEST_TIMEOUT_MS)
    .option("--max-run-ms <ms>", "time allowed for the whole run; then it stops and is marked incomplete", positiveInteger, DEFAULT_MAX_RUN_MS)
    .option("--insecure", "accept a TLS certificate that does not verify (self-signed); never the default", false);
}

export function safetyOptionsFrom(options: Record<string, unknown>): SafetyOptions {
  return {
    allowWrites: options.allowWrites === true,
    ...(typeof options.rate === "number" ? { rate: options.rate } : {}),
    ...(typeof options.maxFailures === "number" ? { maxFailures: options.maxFailures } : {}),
    timeoutMs: typeof options.timeoutMs === "number" ? options.timeoutMs : DEFAULT_REQUEST_TIMEOUT_MS,
    maxRunMs: typeof options.maxRunMs === "number" ? options.maxRunMs : DEFAULT_MAX_RUN_MS,
    insecure: options.insecure === true,
  };
}
