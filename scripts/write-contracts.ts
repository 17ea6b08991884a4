/**
 * `npm run contracts`: regenerates the Pact files in contracts/ by running every
 * consumer interaction against Pact's mock server (src/contracts/record.ts).
 */
import path from "node:path";
import { writeContracts } from "../src/contracts/record";
import { schemaRegistry } from "../src/schemas/registry";

const CONTRACTS_DIR = path.resolve(__dirname, "../contracts");

writeContracts(schemaRegistry(), CONTRACTS_DIR).then(
  (written) => {
    for (const { file, interactions } of written) process.stdout.write(`wrote ${path.relative(process.cwd(), file)} (${interactions} interactions)\n`);
  },
  (error: unknown) => {
    process.stderr.write(`contracts not written: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
