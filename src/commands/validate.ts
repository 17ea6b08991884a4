import { builtInOperations } from "../operations";
import { action, type RegisterCommand } from "./command";

export const registerValidate: RegisterCommand = (program, context) => {
  program
    .command("validate")
    .description("Validate a captured request body or response against an operation's JSON Schema")
    .argument("<operation-id>", `one of: ${builtInOperations.map((operation) => operation.id).join(", ")}, or an --operations file's`)
    .argument("<kind>", "request or response")
    .argument("<file>", "the payload: a JSON file, a raw HTTP message (start line, headers, body), or - for stdin")
    .addHelpText(
      "after",
      "\nEach violation is printed with its line, JSON path and the rule (rules.md) it breaks.\n" +
        "Exit status: 0 valid; 1 invalid; 2 unknown operation or kind, unreadable file, or not JSON.",
    )
    .action((operationId: string, kind: string, file: string) => action<typeof import("./actions/validate")>("validate").validateCommand(operationId, kind, file, context));
};
