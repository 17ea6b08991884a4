import { action, type RegisterCommand } from "./command";

export const registerCanIDeploy: RegisterCommand = (program, context) => {
  program
    .command("can-i-deploy")
    .description("Ask the Pact Broker whether a version can be deployed (passes its arguments to `pact-broker can-i-deploy`)")
    .option("--broker-url <url>", "Pact Broker base URL (default: PACT_BROKER_BASE_URL)")
    .argument("[client-args...]", "arguments for pact-broker can-i-deploy, e.g. --pacticipant NAME --version V --to-environment production")
    .allowUnknownOption()
    .allowExcessArguments()
    .addHelpText(
      "after",
      "\nAuthentication comes from PACT_BROKER_TOKEN, or PACT_BROKER_USERNAME and PACT_BROKER_PASSWORD.\n" +
        "Exit status: the client's (0 deployable, 1 not deployable); 2 no broker URL, broker unreachable or credentials refused.",
    )
    .action((clientArgs: string[], options: { brokerUrl?: string }) => action<typeof import("./actions/canIDeploy")>("canIDeploy").canIDeployCommand(clientArgs, options, context));
};
