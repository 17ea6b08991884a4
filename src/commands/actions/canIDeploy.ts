import { resolveBrokerSettings } from "../../broker/brokerSettings";
import { brokerFailureKind, describeBrokerFailure } from "../../broker/brokerFailure";
import { runPactBroker } from "../../broker/pactBrokerCli";
import { EXIT_UNUSABLE, UsageError } from "../../exitCodes";
import type { CommandContext } from "../command";

/** The client's own ways to name the broker, which stand in for --broker-url. */
const CLIENT_URL_FLAGS = ["-b", "--broker-base-url"];

function namesBrokerUrl(args: readonly string[]): boolean {
  return args.some((arg) => CLIENT_URL_FLAGS.includes(arg) || arg.startsWith("--broker-base-url="));
}

export async function canIDeployCommand(clientArgs: string[], options: { brokerUrl?: string }, context: CommandContext): Promise<void> {
  const settings = resolveBrokerSettings(options.brokerUrl, context.env, !namesBrokerUrl(clientArgs));
  if (!clientArgs.some((arg) => arg === "--pacticipant" || arg === "-a" || arg.startsWith("--pacticipant="))) {
    throw new UsageError("can-i-deploy needs --pacticipant NAME (and --version V or --latest), see pact-broker can-i-deploy --help");
  }
  const run = await runPactBroker(["can-i-deploy", ...clientArgs], settings, context.cwd);
  context.stdout.write(run.output);
  // The client exits 1 both for "not deployable" and for "could not ask"; only the first is an answer.
  const failure = run.status === 0 ? "other" : brokerFailureKind(run.output);
  if (failure !== "other") {
    context.stderr.write(`graph-conformance: ${describeBrokerFailure(failure, run.output, settings.baseUrl, "ask can-i-deploy")}\n`);
    context.setExitCode(EXIT_UNUSABLE);
    return;
  }
  context.setExitCode(run.status);
}
