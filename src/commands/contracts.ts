import { action, type RegisterCommand } from "./command";

export const registerContracts: RegisterCommand = (program, context) => {
  program
    .command("contracts")
    .description("Write the Pact files of every operation, recorded against Pact's mock server (what contracts/ holds)")
    .requiredOption("--out <dir>", "the directory to write the Pact files to (created if missing)")
    .addHelpText("after", "\nExit status: 0 written; 2 the directory cannot be written or an interaction could not be recorded.")
    .action((options: { out: string }) => action<typeof import("./actions/contracts")>("contracts").contractsCommand(options, context));
};
