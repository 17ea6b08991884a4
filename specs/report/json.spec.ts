import { traceOf } from "../../src/results/model";
import { renderJson } from "../../src/report/json";
import { runResults } from "./fixtures";

describe("results.json", () => {
  it("round-trips the results model, with a summary beside it", () => {
    const results = runResults({ incomplete: "stopped after --max-failures 3" });
    const { summary, ...model } = JSON.parse(renderJson(results));
    // A failed check carries beside it, per exchange, the headers that find it in the target's logs.
    expect(model).toEqual({ ...results, checks: results.checks.map((check) => (check.status === "failed" ? { ...check, trace: check.exchanges.map(traceOf) } : check)) });
    expect(summary).toMatchObject({ total: 6, passed: 2, failed: 3, skipped: 1, accepted: 0, incomplete: true });
    expect(summary.byOperation["industryData.run.update"]).toEqual({
      total: { passed: 1, failed: 1, skipped: 0, accepted: 0 },
      families: { P: { passed: 1, failed: 0, skipped: 0, accepted: 0 }, E: { passed: 0, failed: 1, skipped: 0, accepted: 0 } },
    });
    expect(summary.byOperation["identityGovernance.run.update"].families).toEqual({ Pact: { passed: 1, failed: 1, skipped: 0, accepted: 0 } });
  });

  it("is pretty-printed with keys in a stable (sorted) order, whatever order the runner built them in", () => {
    const results = runResults();
    const reordered = Object.fromEntries(Object.entries(results).reverse()) as typeof results;
    const text = renderJson(results);
    expect(renderJson(reordered)).toBe(text);
    expect(text.split("\n")[1]).toBe('  "casesPerRule": 5,');
    const topKeys = Object.keys(JSON.parse(text));
    expect(topKeys).toEqual([...topKeys].sort());
    expect(text.endsWith("}\n")).toBe(true);
  });

  it("says a complete run is complete", () => {
    expect(JSON.parse(renderJson(runResults())).summary.incomplete).toBe(false);
  });
});
