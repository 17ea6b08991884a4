/**
 * Runs the official Pact Broker client: the `pact-broker` command of
 * @pact-foundation/pact-cli. We never talk to a broker with our own HTTP client.
 * The process runs asynchronously so an in-process broker (a spec's double) can
 * answer it.
 */
import { spawn } from "node:child_process";
import { UsageError } from "../exitCodes";
import { redact, type BrokerSettings } from "./brokerSettings";

export interface PactBrokerRun {
  status: number;
  /** The client's stdout and stderr, interleaved, with every secret replaced. */
  output: string;
}

function pactBrokerBin(): string {
  return require.resolve("@pact-foundation/pact-cli/bin/pact-broker.js");
}

export function runPactBroker(args: readonly string[], settings: BrokerSettings, cwd: string): Promise<PactBrokerRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [pactBrokerBin(), ...args], { cwd, env: settings.clientEnv, stdio: ["ignore", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.on("error", (error) => reject(new UsageError(`could not start the pact-broker client: ${error.message}`)));
    child.on("close", (code, signal) => {
      const output = redact(Buffer.concat(chunks).toString("utf8"), settings.secrets);
      if (code === null) reject(new UsageError(`the pact-broker client was stopped by ${signal}`));
      else resolve({ status: code, output });
    });
  });
}
