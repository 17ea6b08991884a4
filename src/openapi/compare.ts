import path from "node:path";
import { Comparator, type ComparablePact, type ComparatorResult } from "./comparator";
import { UsageError } from "../exitCodes";
import { readContracts } from "../contracts/read";
import { readJsonFile } from "../jsonFile";
import { isObject } from "../isObject";

export interface PactFile {
  /** The file's name as the user gave it (for messages). */
  file: string;
  pact: ComparablePact;
}

/** One finding of the comparator about one interaction of one Pact file. */
export interface CompareFinding {
  file: string;
  severity: "error" | "warning";
  /** The comparator's code, e.g. `response.body.incompatible`. */
  code: string;
  interaction: string;
  providerState: string;
  /** Where in the Pact file (`[root].interactions[3].response.body.status`). */
  pactLocation: string;
  /** Where in the OpenAPI document, when the finding names a place there. */
  specLocation?: string;
  message: string;
}

export interface CompareReport {
  files: readonly string[];
  interactions: number;
  findings: CompareFinding[];
  /** True when no finding is an error; warnings do not make a pact incompatible. */
  compatible: boolean;
}

/** Reads an OpenAPI 3.x document (JSON); exit 2 when it is not one. */
export function readOpenApiFile(file: string, cwd: string): Record<string, unknown> {
  const document = readJsonFile(path.resolve(cwd, file), `OpenAPI document ${file}`);
  if (!isObject(document) || typeof document.openapi !== "string" || !document.openapi.startsWith("3.") || !isObject(document.paths)) {
    throw new UsageError(`${file} is not an OpenAPI 3 document (no "openapi": "3.x" and "paths")`);
  }
  return document;
}

/** Reads every `*.json` Pact file directly in `dir`, sorted by name; exit 2 when there is none. */
export function readPactDirectory(dir: string, cwd: string): PactFile[] {
  return readContracts(path.resolve(cwd, dir), dir).map((contract) => ({ file: path.join(dir, path.basename(contract.file)), pact: contract.document as unknown as ComparablePact }));
}

function toFinding(file: string, result: ComparatorResult): CompareFinding {
  return {
    file,
    severity: result.type === "error" ? "error" : "warning",
    code: result.code,
    interaction: result.mockDetails?.interactionDescription ?? "(no description)",
    providerState: result.mockDetails?.interactionState ?? "[none]",
    pactLocation: result.mockDetails?.location ?? "[root]",
    ...(result.specDetails?.location ? { specLocation: result.specDetails.location } : {}),
    message: result.message,
  };
}

/**
 * Checks every interaction of the Pact files against the OpenAPI document with
 * PactFlow's openapi-pact-comparator (the comparison behind bi-directional contract
 * testing): each request must be one the document accepts, each response one it
 * documents. The comparator's own verdicts are kept as they are; "info" results are
 * dropped.
 */
export async function compareContracts(openapi: object, pacts: readonly PactFile[]): Promise<CompareReport> {
  // The comparator fills in inherited parameters and security on the document it is
  // given, so it gets its own copy.
  let comparator: InstanceType<typeof Comparator>;
  try {
    comparator = new Comparator({ oas: structuredClone(openapi) as Record<string, unknown> });
  } catch (error) {
    throw new UsageError(`the OpenAPI document cannot be used: ${(error as Error).message}`);
  }
  const findings: CompareFinding[] = [];
  let interactions = 0;
  for (const { file, pact } of pacts) {
    interactions += pact.interactions.length;
    try {
      for await (const result of comparator.compare(pact)) {
        if (result.type !== "info") findings.push(toFinding(file, result));
      }
    } catch (error) {
      throw new UsageError(`${file} cannot be compared: ${(error as Error).message}`);
    }
  }
  return { files: pacts.map((pact) => pact.file), interactions, findings, compatible: findings.every((finding) => finding.severity !== "error") };
}

/** One line per finding: file, interaction, where, why. */
export function formatFinding(finding: CompareFinding): string {
  const state = finding.providerState === "[none]" ? "" : ` [given ${finding.providerState}]`;
  const spec = finding.specLocation ? ` (spec: ${finding.specLocation})` : "";
  return `${finding.severity} ${finding.code}: ${finding.file}: "${finding.interaction}"${state} at ${finding.pactLocation}${spec}: ${finding.message}`;
}
