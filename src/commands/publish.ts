import { action, type RegisterCommand } from "./command";
import type { PublishOptions } from "./actions/publish";

export const registerPublish: RegisterCommand = (program, context) => {
  program
    .command("publish")
    .description("Publish every pact of the contracts directory to a Pact Broker with the official pact-broker client")
    .option("--contracts <dir>", "the directory of Pact files to publish (default: the contracts/ of this package)")
    .option("--broker-url <url>", "Pact Broker base URL (default: PACT_BROKER_BASE_URL)")
    .option("--consumer-version <version>", "consumer version to publish (default: the git commit sha)")
    .option("--branch <branch>", "consumer branch (default: the current git branch)")
    .option("--tag <tag...>", "consumer version tag; repeatable or comma-separated")
    .addHelpText(
      "after",
      "\nAuthentication comes from PACT_BROKER_TOKEN, or PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD.\n" +
        "Exit status: 0 published; 2 no broker URL, no contracts, broker unreachable or credentials refused.",
    )
    .action((options: PublishOptions) => action<typeof import("./actions/publish")>("publish").publishCommand(options, context));
};
