import fs from "node:fs";
import { catalog, schemaRegistry } from "../catalog";
import { UsageError } from "../exitCodes";
import { CONTRACTS_DIR } from "../packageFiles";

/**
 * The Pact files a command reads when `--contracts` is not given: the package's own,
 * or, with `--operations`, those of the whole catalog, recorded in a scratch
 * directory as `contracts --out` writes them (the shipped files know only the
 * built-in five). Pact's consumer side is loaded only then, so a default run does
 * not pay for it. `remove` deletes what was recorded.
 */
/** Whether `catalogContracts(given)` records the Pact files (an operations file, no `--contracts`) rather than reading a directory. */
export function recordsContracts(given: string | undefined): boolean {
  return given === undefined && catalog().operationsFile !== undefined;
}

export async function catalogContracts(given: string | undefined): Promise<{ dir: string; remove(): void }> {
  if (!recordsContracts(given)) return { dir: given ?? CONTRACTS_DIR, remove: () => undefined };
  const { freshPactDir, writeContracts } = require("./record") as typeof import("./record");
  const dir = freshPactDir();
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    await writeContracts(schemaRegistry(), dir);
  } catch (error) {
    remove();
    throw new UsageError(`the Pact files of the operations in ${catalog().operationsFile} could not be recorded: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { dir, remove };
}
