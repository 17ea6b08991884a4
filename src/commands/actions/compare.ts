import { catalogContracts } from "../../contracts/catalogContracts";
import { EXIT_FAILURES, EXIT_OK } from "../../exitCodes";
import { compareContracts, formatFinding, readOpenApiFile, readPactDirectory } from "../../openapi/compare";
import { buildOpenApiDocument } from "../../openapi/document";
import type { CommandContext } from "../command";

export interface CompareCommandOptions {
  openapi?: string;
  contracts?: string;
}

export async function compareCommand(options: CompareCommandOptions, context: CommandContext): Promise<void> {
  const openapi = options.openapi === undefined ? buildOpenApiDocument() : readOpenApiFile(options.openapi, context.cwd);
  const contracts = await catalogContracts(options.contracts);
  let pacts: ReturnType<typeof readPactDirectory>;
  try {
    pacts = readPactDirectory(contracts.dir, context.cwd);
  } finally {
    contracts.remove();
  }
  const report = await compareContracts(openapi, pacts);
  for (const finding of report.findings) context.stdout.write(`${formatFinding(finding)}\n`);
  const errors = report.findings.filter((finding) => finding.severity === "error").length;
  const warnings = report.findings.length - errors;
  const scope = `${report.interactions} interaction(s) in ${report.files.length} Pact file(s) against ${options.openapi ?? "the generated OpenAPI document"}`;
  context.stdout.write(report.compatible ? `compatible: ${scope}${warnings > 0 ? ` (${warnings} warning(s))` : ""}\n` : `incompatible: ${errors} error(s), ${warnings} warning(s) in ${scope}\n`);
  context.setExitCode(report.compatible ? EXIT_OK : EXIT_FAILURES);
}
