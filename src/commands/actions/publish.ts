import { catalogContracts, recordsContracts } from "../../contracts/catalogContracts";
import path from "node:path";
import { resolveBrokerSettings } from "../../broker/brokerSettings";
import { gitBranch, gitCommit } from "../../broker/git";
import { publishContracts } from "../../broker/publishContracts";
import { EXIT_OK, UsageError } from "../../exitCodes";
import type { CommandContext } from "../command";

export interface PublishOptions {
  brokerUrl?: string;
  consumerVersion?: string;
  branch?: string;
  tag?: string[];
  contracts?: string;
}

/** The client splits tag values on commas, so we do too and say so in --help. */
function tagsFrom(values: readonly string[] = []): string[] {
  return values.flatMap((value) => value.split(",")).map((tag) => tag.trim()).filter(Boolean);
}

/** Relative to the working directory when below it (`contracts/`), else absolute (the package's own). */
function shownDir(dir: string, cwd: string): string {
  const relative = path.relative(cwd, dir);
  return relative === "" || relative.startsWith("..") || path.isAbsolute(relative) ? `${dir}/` : `${relative}/`;
}

export async function publishCommand(options: PublishOptions, context: CommandContext): Promise<void> {
  const settings = resolveBrokerSettings(options.brokerUrl, context.env);
  const consumerVersion = options.consumerVersion ?? (await gitCommit(context.cwd, context.env));
  if (!consumerVersion) throw new UsageError("no consumer version: pass --consumer-version or run inside a git work tree");
  const branch = options.branch ?? (await gitBranch(context.cwd, context.env));
  const tags = tagsFrom(options.tag);
  const given = options.contracts === undefined ? undefined : path.resolve(context.cwd, options.contracts);
  const recorded = recordsContracts(given);
  const contracts = await catalogContracts(given);
  const contractsDir = contracts.dir;
  let outcome: Awaited<ReturnType<typeof publishContracts>>;
  try {
    outcome = await publishContracts({ contractsDir, consumerVersion, ...(branch ? { branch } : {}), tags }, settings, context.cwd);
  } finally {
    contracts.remove();
  }
  context.stdout.write(outcome.output.endsWith("\n") ? outcome.output : `${outcome.output}\n`);
  const labels = [`version ${consumerVersion}`, branch ? `branch ${branch}` : "no branch", ...(tags.length > 0 ? [`tags ${tags.join(", ")}`] : [])];
  context.stdout.write(`published ${outcome.files.length} contract(s) from ${recorded ? "the catalog (recorded for --operations)" : shownDir(contractsDir, context.cwd)} (${labels.join(", ")})\n`);
  context.setExitCode(EXIT_OK);
}
