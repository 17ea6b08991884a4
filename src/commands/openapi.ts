import { DEFAULT_SERVER } from "../openapi/server";
import { action, type RegisterCommand } from "./command";
import type { OpenApiCommandOptions } from "./actions/openapi";

export const registerOpenApi: RegisterCommand = (program, context) => {
  program
    .command("openapi")
    .description("Print the OpenAPI 3.1 document of the operations (the built-in five and --operations), built from the operations manifest and the JSON Schemas")
    .option("--out <file>", "write the document to this file instead of standard output")
    .option("--server <url>", `the servers URL the paths are relative to (default: ${DEFAULT_SERVER})`)
    .addHelpText("after", "\nExit status: 0 written; 2 bad --server or the file cannot be written.")
    .action((options: OpenApiCommandOptions) => action<typeof import("./actions/openapi")>("openapi").openapiCommand(options, context));
};
