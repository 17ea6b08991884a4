import { action, type RegisterCommand } from "./command";
import type { CompareCommandOptions } from "./actions/compare";

export const registerCompare: RegisterCommand = (program, context) => {
  program
    .command("compare")
    .description("Check that every interaction of the Pact files is compatible with the OpenAPI document (PactFlow's openapi-pact-comparator)")
    .option("--openapi <file>", "the OpenAPI document (JSON) to compare with (default: the document `openapi` prints)")
    .option("--contracts <dir>", "the directory of Pact files (*.json) (default: the contracts/ of this package)")
    .addHelpText("after", "\nExit status: 0 compatible; 1 at least one incompatibility; 2 unreadable document or contracts.")
    .action((options: CompareCommandOptions) => action<typeof import("./actions/compare")>("compare").compareCommand(options, context));
};
