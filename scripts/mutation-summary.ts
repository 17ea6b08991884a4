/**
 * `npm run mutation`'s last step: the score per mutated file from Stryker's JSON
 * report (reports/mutation/mutation.json), for every mutant and without the
 * StringLiteral ones (error messages and descriptions, which no rule of rules.md
 * fixes), then every surviving non-string mutant, to be read against the rules.
 */
import fs from "node:fs";
import path from "node:path";

interface Mutant {
  id: string;
  mutatorName: string;
  status: string;
  replacement?: string;
  location: { start: { line: number; column: number } };
}

interface Report {
  files: Record<string, { source: string; mutants: Mutant[] }>;
}

const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);

interface Tally {
  detected: number;
  valid: number;
}

function tally(mutants: readonly Mutant[]): Tally {
  const detected = mutants.filter((mutant) => DETECTED.has(mutant.status)).length;
  return { detected, valid: detected + mutants.filter((mutant) => UNDETECTED.has(mutant.status)).length };
}

function score({ detected, valid }: Tally): string {
  return valid === 0 ? "—" : `${((100 * detected) / valid).toFixed(1)} % (${detected}/${valid})`;
}

function main(file: string): number {
  if (!fs.existsSync(file)) {
    process.stderr.write(`mutation-summary: no report at ${file}; run stryker first\n`);
    return 2;
  }
  const report = JSON.parse(fs.readFileSync(file, "utf8")) as Report;
  const rows = ["| file | all mutants | without StringLiteral |", "|---|---|---|"];
  const all: Mutant[] = [];
  const survivors: string[] = [];
  for (const [name, { source, mutants }] of Object.entries(report.files)) {
    all.push(...mutants);
    const nonString = mutants.filter((mutant) => mutant.mutatorName !== "StringLiteral");
    rows.push(`| \`${name}\` | ${score(tally(mutants))} | ${score(tally(nonString))} |`);
    const lines = source.split("\n");
    for (const mutant of nonString.filter((candidate) => UNDETECTED.has(candidate.status))) {
      const line = mutant.location.start.line;
      survivors.push(`${name}:${line} ${mutant.mutatorName} → ${JSON.stringify(mutant.replacement ?? "")}   | ${lines[line - 1]?.trim() ?? ""}`);
    }
  }
  rows.push(`| all | ${score(tally(all))} | ${score(tally(all.filter((mutant) => mutant.mutatorName !== "StringLiteral")))} |`);
  process.stdout.write(`${rows.join("\n")}\n\nSurviving non-string mutants (${survivors.length}):\n${survivors.join("\n")}\n`);
  return 0;
}

process.exitCode = main(path.resolve(process.argv[2] ?? "reports/mutation/mutation.json"));
