import { casesPerRuleFor, formatNumber, growth, median, renderTable, verdict } from "../../bench/stats";

describe("bench statistics", () => {
  it("takes the median of odd and even counts, unsorted input untouched", () => {
    const values = [5, 1, 4];
    expect(median(values)).toBe(4);
    expect(values).toEqual([5, 1, 4]);
    expect(median([10, 2, 8, 4])).toBe(6);
    expect(() => median([])).toThrow("median of no values");
  });

  it("calls a goal met only when the figure is at or under it, and missed when there is no figure", () => {
    const goal = { max: 1.5, unit: "×" };
    expect(verdict({ what: "x", measured: 1.5, unit: "×", goal })).toBe("met");
    expect(verdict({ what: "x", measured: 1.51, unit: "×", goal })).toBe("MISSED");
    expect(verdict({ what: "x", measured: undefined, unit: "×", goal })).toBe("MISSED");
    expect(verdict({ what: "x", measured: 99, unit: "ms" })).toBe("");
  });

  it("prints figures with three significant digits and thousands separators", () => {
    expect(formatNumber(1.23456)).toBe("1.23");
    expect(formatNumber(12.345)).toBe("12.3");
    expect(formatNumber(12345.6)).toBe("12,346");
  });

  it("renders an aligned Markdown table with goal and verdict", () => {
    const table = renderTable([
      { what: "default verify", measured: 4200, unit: "ms", goal: { max: 5000, unit: "ms" }, note: "median of 5" },
      { what: "rss", measured: undefined, unit: "MiB" },
    ]);
    const lines = table.split("\n");
    expect(lines).toHaveLength(4);
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
    expect(lines[2]).toMatch(/^\| default verify +\| 4,200 ms +\| ≤ 5,000 ms +\| met +\| median of 5 +\|$/);
    expect(lines[3]).toMatch(/\| n\/a +\|/);
  });

  it("finds the cases per rule that reach a target from the totals at one and two", () => {
    // 49 fixed cases plus 100 per added case per rule: 149 at 1, 249 at 2.
    expect(casesPerRuleFor(10_000, 149, 249)).toBe(100);
    expect(casesPerRuleFor(10_049, 149, 249)).toBe(100);
    expect(casesPerRuleFor(10_050, 149, 249)).toBe(101);
    expect(casesPerRuleFor(10, 149, 249)).toBe(1);
    expect(() => casesPerRuleFor(10_000, 149, 149)).toThrow("does not grow");
  });

  it("tells linear growth (a fixed start-up cost) from growth that speeds up", () => {
    const linear = growth([
      { n: 10, ms: 1100 },
      { n: 100, ms: 1900 },
      { n: 1000, ms: 10_000 },
    ]);
    expect(linear.marginalMs.map((ms) => Math.round(ms))).toEqual([9, 9]);
    expect(linear.linear).toBe(true);
    const quadratic = growth([
      { n: 10, ms: 100 },
      { n: 100, ms: 1000 },
      { n: 1000, ms: 100_000 },
    ]);
    expect(quadratic.linear).toBe(false);
  });
});
