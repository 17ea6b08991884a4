import fs from "node:fs";
import { UsageError } from "./exitCodes";

/**
 * The JSON value of a file the user named (`--baseline`, `--rerun-failed`); one
 * that cannot be read or is not JSON ends in a UsageError (exit 2) whose message
 * starts with `label`.
 */
export function readJsonFile(file: string, label: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as unknown;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${label} ${code ? `cannot be read (${code})` : `is not valid JSON: ${(error as Error).message}`}`);
  }
}
