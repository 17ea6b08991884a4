import path from "node:path";
import { pathToFileURL } from "node:url";
import { findingCodes, findingRules, type Finding } from "./findings";

const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/**
 * A page as a SARIF artifact URI: a relative path stays relative (code scanning
 * resolves it against the checkout), with `/` separators and each segment
 * percent-encoded; an absolute path becomes a `file://` URI.
 */
export function artifactUri(page: string): string {
  if (path.isAbsolute(page)) return pathToFileURL(page).href;
  return page.split(/[\\/]/).map(encodeURIComponent).join("/");
}

export interface SarifTool {
  name: string;
  version: string;
  informationUri?: string;
}

/**
 * SARIF 2.1.0: one run, the tool's rules (every finding code, with its description,
 * default level and nearest ApiDoctor code), and one result per finding with its
 * rule, level, message, page and line.
 */
export function formatSarif(findings: readonly Finding[], tool: SarifTool): string {
  const rules = findingCodes.map((code) => ({
    id: code,
    shortDescription: { text: findingRules[code].description },
    defaultConfiguration: { level: findingRules[code].severity },
    properties: { apiDoctorCode: findingRules[code].apiDoctorCode },
  }));
  const results = findings.map((item) => ({
    ruleId: item.code,
    ruleIndex: findingCodes.indexOf(item.code),
    level: item.severity,
    message: { text: item.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(item.page) }, region: { startLine: item.line } } }],
  }));
  const sarif = { $schema: SARIF_SCHEMA, version: "2.1.0", runs: [{ tool: { driver: { ...tool, rules } }, results }] };
  return JSON.stringify(sarif, null, 2) + "\n";
}
