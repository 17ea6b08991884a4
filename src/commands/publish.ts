import path from "node:path";
import { resolveBrokerSettings } from "../broker/brokerSettings";
import { gitBranch, gitCommit } from "../broker/git";
import { publishContracts } from "../broker/publishContracts";
import { EXIT_OK, UsageError } from "../exitCodes";
import type { RegisterCommand } from "./command";

interface PublishOptions {
  brokerUrl?: string;
  consumerVersion?: string;
  branch?: string;
  tag?: string[];
}

/** The client splits tag values on commas, so we do too and say so in --help. */
function tagsFrom(values: readonly string[] = []): string[] {
  return values.flatMap((value) => value.split(",")).map((tag) => tag.trim()).filter(Boolean);
}

export const registerPublish: RegisterCommand = (program, context) => {
  program
    .command("publish")
    .description("Publish every pact in contracts/ to a Pact Broker with the official pact-broker client")
    .option("--broker-url <url>", "Pact Broker base URL (default: PACT_BROKER_BASE_URL)")
    .option("--consumer-version <version>", "consumer version to publish (default: the git commit sha)")
    .option("--branch <branch>", "consumer branch (default: the current git branch)")
    .option("--tag <tag...>", "consumer version tag; repeatable or comma-separated")
    .addHelpText(
      "after",
      "\nAuthentication comes from PACT_BROKER_TOKEN, or PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD.\n" +
        "Exit status: 0 published; 2 no broker URL, no contracts, broker unreachable or credentials refused.",
    )
    .action(async (options: PublishOptions) => {
      const settings = resolveBrokerSettings(options.brokerUrl, context.env);
      const consumerVersion = options.consumerVersion ?? (await gitCommit(context.cwd, context.env));
      if (!consumerVersion) throw new UsageError("no consumer version: pass --consumer-version or run inside a git work tree");
      const branch = options.branch ?? (await gitBranch(context.cwd, context.env));
      const tags = tagsFrom(options.tag);
      const contractsDir = path.resolve(context.cwd, "contracts");

      const outcome = await publishContracts({ contractsDir, consumerVersion, ...(branch ? { branch } : {}), tags }, settings, context.cwd);
      context.stdout.write(outcome.output.endsWith("\n") ? outcome.output : `${outcome.output}\n`);
      const labels = [`version ${consumerVersion}`, branch ? `branch ${branch}` : "no branch", ...(tags.length > 0 ? [`tags ${tags.join(", ")}`] : [])];
      context.stdout.write(`published ${outcome.files.length} contract(s) from contracts/ (${labels.join(", ")})\n`);
      context.setExitCode(EXIT_OK);
    });
};
