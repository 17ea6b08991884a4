/** Publishes the pact files of a directory to a Pact Broker with the official client. */
import { readdir } from "node:fs/promises";
import { UsageError } from "../exitCodes";
import { brokerFailureKind, describeBrokerFailure } from "./brokerFailure";
import type { BrokerSettings } from "./brokerSettings";
import { runPactBroker } from "./pactBrokerCli";

export interface PublishRequest {
  contractsDir: string;
  consumerVersion: string;
  branch?: string;
  tags: readonly string[];
}

export interface PublishOutcome {
  /** The pact files published, by name. */
  files: string[];
  /** What the client printed, secrets replaced. */
  output: string;
}

/** The pact files the client will publish (it reads the `.json` files of a directory). */
export async function contractFiles(contractsDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(contractsDir);
  } catch {
    throw new UsageError(`no contracts to publish: ${contractsDir} does not exist (run the consumer specs first: npm test)`);
  }
  const files = names.filter((name) => name.endsWith(".json")).sort();
  if (files.length === 0) throw new UsageError(`no contracts to publish: ${contractsDir} holds no .json pact files`);
  return files;
}

export function publishArguments(request: PublishRequest): string[] {
  const args = ["publish", request.contractsDir, "--consumer-app-version", request.consumerVersion];
  if (request.branch) args.push("--branch", request.branch);
  // The client takes --tag once, with its values comma-separated.
  if (request.tags.length > 0) args.push("--tag", request.tags.join(","));
  return args;
}

export async function publishContracts(request: PublishRequest, settings: BrokerSettings, cwd: string): Promise<PublishOutcome> {
  const files = await contractFiles(request.contractsDir);
  const run = await runPactBroker(publishArguments(request), settings, cwd);
  // Some client versions report a failed contract with ❌ yet exit 0.
  if (run.status !== 0 || run.output.includes("❌")) {
    throw new UsageError(describeBrokerFailure(brokerFailureKind(run.output), run.output, settings.baseUrl, "publish contracts"));
  }
  return { files, output: run.output };
}
