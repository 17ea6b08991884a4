import { EXIT_FAILURES, EXIT_OK } from "../exitCodes";
import { compareContracts, formatFinding, readOpenApiFile, readPactDirectory } from "../openapi/compare";
import { buildOpenApiDocument } from "../openapi/document";
import type { RegisterCommand } from "./command";

interface CompareCommandOptions {
  openapi?: string;
  contracts: string;
}

export const registerCompare: RegisterCommand = (program, context) => {
  program
    .command("compare")
    .description("Check that every interaction of the Pact files is compatible with the OpenAPI document (PactFlow's openapi-pact-comparator)")
    .option("--openapi <file>", "the OpenAPI document (JSON) to compare with (default: the document `openapi` prints)")
    .option("--contracts <dir>", "the directory of Pact files (*.json)", "contracts")
    .addHelpText("after", "\nExit status: 0 compatible; 1 at least one incompatibility; 2 unreadable document or contracts.")
    .action(async (options: CompareCommandOptions) => {
      const openapi = options.openapi === undefined ? buildOpenApiDocument() : readOpenApiFile(options.openapi, context.cwd);
      const pacts = readPactDirectory(options.contracts, context.cwd);
      const report = await compareContracts(openapi, pacts);
      for (const finding of report.findings) context.stdout.write(`${formatFinding(finding)}\n`);
      const errors = report.findings.filter((finding) => finding.severity === "error").length;
      const warnings = report.findings.length - errors;
      const scope = `${report.interactions} interaction(s) in ${report.files.length} Pact file(s) against ${options.openapi ?? "the generated OpenAPI document"}`;
      context.stdout.write(report.compatible ? `compatible: ${scope}${warnings > 0 ? ` (${warnings} warning(s))` : ""}\n` : `incompatible: ${errors} error(s), ${warnings} warning(s) in ${scope}\n`);
      context.setExitCode(report.compatible ? EXIT_OK : EXIT_FAILURES);
    });
};
