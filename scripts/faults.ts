/**
 * `npm run faults [-- --seed N --cases N --concurrency N --only NAME… --only-broken-rules]`: runs
 * `verify` against every faulty provider and allowed variant of src/faults/ and
 * prints the table (Markdown). Exit 0 when every fault is caught under the rule it
 * breaks and every variant passes, 1 otherwise, 2 on bad arguments.
 */
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { DEFAULT_RUN_SETTINGS, runCatalogue, catalogueHolds, wholeCatalogue, type CatalogueSelection, type FaultOutcome, type VariantOutcome } from "../src/faults/run";
import { catalogueTable } from "../src/faults/table";

function wholeNumber(min: number, max: number) {
  return (value: string): number => {
    const number = Number(value);
    if (!/^\d+$/.test(value) || number < min || number > max) throw new InvalidArgumentError(`a whole number from ${min} to ${max}`);
    return number;
  };
}

function select(names: readonly string[] | undefined): CatalogueSelection {
  if (!names) return wholeCatalogue;
  const known = new Set([...wholeCatalogue.faults, ...wholeCatalogue.variants].map((entry) => entry.name));
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) throw new InvalidArgumentError(`unknown entries: ${unknown.join(", ")}`);
  return {
    faults: wholeCatalogue.faults.filter((fault) => names.includes(fault.name)),
    variants: wholeCatalogue.variants.filter((variant) => names.includes(variant.name)),
  };
}

function progress(result: FaultOutcome | VariantOutcome): string {
  if ("fault" in result) return `${result.verdict === "caught" ? "✓" : "✗"} fault   ${result.fault.name}: ${result.verdict}${result.caughtBy.length ? ` (${result.caughtBy.join(", ")})` : ""}`;
  return `${result.passed ? "✓" : "✗"} variant ${result.variant.name}: ${result.passed ? "passed" : (result.outcome.problem ?? `${result.outcome.failed.length} false failures`)}`;
}

async function main(argv: string[]): Promise<number> {
  const program = new Command("faults")
    .option("--seed <n>", "verify's seed", wholeNumber(0, 0xffffffff), DEFAULT_RUN_SETTINGS.seed)
    .option("--cases <n>", "verify's cases per rule", wholeNumber(1, 100), DEFAULT_RUN_SETTINGS.cases)
    .option("--concurrency <n>", "verify runs at once", wholeNumber(1, 16), DEFAULT_RUN_SETTINGS.concurrency)
    .option("--only <names...>", "only these faults and variants")
    .option("--only-broken-rules", "verify each fault only under the rules it breaks (faster; the table then shows no other rule)", false)
    .exitOverride();
  try {
    program.parse(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.code === "commander.helpDisplayed" ? 0 : 2;
    throw error;
  }
  const options = program.opts<{ seed: number; cases: number; concurrency: number; only?: string[]; onlyBrokenRules: boolean }>();
  let selection: CatalogueSelection;
  try {
    selection = select(options.only);
  } catch (error) {
    process.stderr.write(`faults: --only: ${(error as Error).message}\n`);
    return 2;
  }
  const run = await runCatalogue(selection, options, (result) => process.stderr.write(`${progress(result)}\n`));
  process.stdout.write(`${catalogueTable(run)}\n`);
  process.stderr.write(`${run.faults.length + run.variants.length} verify runs in ${(run.durationMs / 1000).toFixed(1)} s\n`);
  return catalogueHolds(run) ? 0 : 1;
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`faults: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
