import { faults } from "../../src/faults/faults";
import { catalogueHolds, judgeFault, judgeVariant, referenceControl, rulesOf, type CatalogueRun } from "../../src/faults/run";
import { catalogueTable } from "../../src/faults/table";
import { variants } from "../../src/faults/variants";

const fault = faults.find((entry) => entry.name === "derived-type-without-odata-type")!;
const variant = variants[0];

describe("judging a verify run", () => {
  it("lists the failed checks' rules once each, in rules.md order", () => {
    expect(rulesOf([{ ruleId: "E4", name: "a" }, { ruleId: "P3", name: "b" }, { name: "pact interaction" }, { ruleId: "P3", name: "c" }, { ruleId: "P1", name: "d" }])).toEqual(["P1", "P3", "E4"]);
  });

  it("calls a fault caught only when verify failed it under every rule it breaks", () => {
    expect(fault.breaks).toEqual(["P1", "P3"]);
    const failed = (...rules: ("P1" | "P2" | "P3")[]) => rules.map((ruleId) => ({ ruleId, name: `${ruleId} check` }));
    expect(judgeFault(fault, { exitCode: 1, failed: failed("P3", "P2", "P1") })).toMatchObject({ verdict: "caught", caughtBy: ["P1", "P2", "P3"] });
    expect(judgeFault(fault, { exitCode: 1, failed: failed("P1", "P2") }).verdict).toBe("caught under other rules");
    expect(judgeFault(fault, { exitCode: 0, failed: [] }).verdict).toBe("missed");
    expect(judgeFault(fault, { exitCode: 2, failed: [], problem: "verify exited 2: target unreachable" }).verdict).toBe("no result");
  });

  it("passes a variant only on exit 0 with a complete run", () => {
    expect(judgeVariant(variant, { exitCode: 0, failed: [] }).passed).toBe(true);
    expect(judgeVariant(variant, { exitCode: 1, failed: [{ ruleId: "P7", name: "x" }] }).passed).toBe(false);
    expect(judgeVariant(variant, { exitCode: 0, failed: [], problem: "the run is incomplete: time bound" }).passed).toBe(false);
  });
});

describe("the table", () => {
  const run: CatalogueRun = {
    settings: { seed: 7, cases: 1, concurrency: 2, onlyBrokenRules: false },
    durationMs: 1,
    faults: [judgeFault(fault, { exitCode: 1, failed: [{ ruleId: "P1", name: "x" }, { ruleId: "P3", name: "y" }] }), judgeFault(faults[0], { exitCode: 0, failed: [] })],
    variants: [
      judgeVariant(referenceControl, { exitCode: 0, failed: [] }),
      judgeVariant(variant, { exitCode: 1, failed: [{ ruleId: "P7", name: "sent_members_echoed", message: "$.startDateTime | came back as another instant" }] }),
    ],
  };
  const table = catalogueTable(run);

  it("says which faults were caught, under which rules, and which were missed", () => {
    expect(table).toContain(`| \`${fault.name}\` | ${fault.description.replace(/\|/g, "\\|")} | P1, P3 | ✓ caught | P1, P3 |`);
    expect(table).toContain(`| \`${faults[0].name}\` | ${faults[0].description} | ${faults[0].breaks.join(", ")} | ✗ missed | — |`);
    expect(table).toContain("Faults caught under the rule they break: 1 of 2. Allowed variants passed: 1 of 2.");
    expect(table).toContain("--seed 7 --cases 1");
  });

  it("names a variant's false failures, with a pipe in a message escaped so the row holds", () => {
    expect(table).toContain("| `reference` | the reference provider, unchanged | rules.md (the reference implementation) | ✓ passed |");
    expect(table).toContain("✗ failed: P7 sent_members_echoed: $.startDateTime \\| came back as another instant |");
  });

  it("holds only when every fault is caught and every variant passes", () => {
    expect(catalogueHolds(run)).toBe(false);
    expect(catalogueHolds({ ...run, faults: run.faults.slice(0, 1), variants: run.variants.slice(0, 1) })).toBe(true);
  });
});
