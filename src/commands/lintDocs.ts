import { lintFormats } from "../docs/format";
import { action, type RegisterCommand } from "./command";
import type { LintDocsOptions } from "./actions/lintDocs";

export const registerLintDocs: RegisterCommand = (program, context) => {
  program
    .command("lint-docs")
    .description("Check Graph API doc pages: structure, TODO text, @odata.type names, and every example against its schema")
    .argument("[page...]", "doc pages or directories of them (default: every .md in the project's apidocs/)")
    .option("--format <format>", lintFormats.join(", "), "text")
    .addHelpText(
      "after",
      "\nEach finding: page, line, code, severity (error|warning), message. JSON output is an array of\n" +
        "{page, line, code, severity, message} sorted by page, then line; sarif is SARIF 2.1.0; github prints\n" +
        "workflow annotations (::error file=…,line=…::message). The config file's lintDocs.ignore list\n" +
        "([{ \"code\": \"unknown-type\", \"page\": \"apidocs/*.md\" }]) drops findings of a code on pages a glob matches.\n" +
        "Exit status: 0 no errors (warnings allowed); 1 errors found; 2 a page is missing, unreadable or not a doc page.",
    )
    .action((pages: string[], options: LintDocsOptions) => action<typeof import("./actions/lintDocs")>("lintDocs").lintDocsCommand(pages, options, context));
};
