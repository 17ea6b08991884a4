import { DEFAULT_RUN_SETTINGS, runCatalogue, wholeCatalogue, type CatalogueRun } from "../../src/faults/run";

/**
 * The suite's power, end to end: the real `verify` command against every server of
 * the catalogue. Each fault is verified only under the rules it breaks (all its
 * verdict needs, and several times faster); `npm run faults` makes the full runs
 * for the README's table.
 */

const VERIFY_ALL_MS = 10 * 60_000;

let run: CatalogueRun;
beforeAll(async () => {
  run = await runCatalogue(wholeCatalogue, { ...DEFAULT_RUN_SETTINGS, concurrency: 4, onlyBrokenRules: true });
}, VERIFY_ALL_MS);

describe("verify fails every fault under the rules it breaks", () => {
  it.each(wholeCatalogue.faults.map((fault) => [fault.name, fault.breaks.join(", ")]))("%s (breaks %s)", (name) => {
    const result = run.faults.find((candidate) => candidate.fault.name === name)!;
    expect({ verdict: result.verdict, problem: result.outcome.problem }).toEqual({ verdict: "caught", problem: undefined });
    expect(result.caughtBy).toEqual(expect.arrayContaining([...result.fault.breaks]));
  });
});

describe("verify passes every allowed variant (and the reference provider)", () => {
  it.each(wholeCatalogue.variants.map((variant) => [variant.name]))("%s", (name) => {
    const result = run.variants.find((candidate) => candidate.variant.name === name)!;
    expect({ exitCode: result.outcome.exitCode, problem: result.outcome.problem, falseFailures: result.outcome.failed }).toEqual({ exitCode: 0, problem: undefined, falseFailures: [] });
  });
});
