import path from "node:path";
import { writeContracts } from "../../contracts/record";
import { EXIT_OK, UsageError } from "../../exitCodes";
import { schemaRegistry } from "../../catalog";
import type { CommandContext } from "../command";

/** `contracts --out DIR`: the Pact files `npm run contracts` commits, written where the user says. */
export async function contractsCommand(options: { out: string }, context: CommandContext): Promise<void> {
  const dir = path.resolve(context.cwd, options.out);
  let written: { file: string; interactions: number }[];
  try {
    written = await writeContracts(schemaRegistry(), dir);
  } catch (error) {
    throw new UsageError(`contracts not written to ${options.out}: ${error instanceof Error ? error.message : String(error)}`);
  }
  for (const { file, interactions } of written) context.stdout.write(`wrote ${path.relative(context.cwd, file) || file} (${interactions} interactions)\n`);
  context.setExitCode(EXIT_OK);
}
