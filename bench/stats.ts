/**
 * Small pure helpers of the run benchmark (bench/run.ts): medians, goal verdicts,
 * the printed table and the case count that reaches a target. No timing happens here.
 */

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A goal the figure must stay at or under (every goal of issue 10 is an upper bound). */
export interface Goal {
  max: number;
  unit: string;
}

export interface Row {
  what: string;
  measured: number | undefined;
  unit: string;
  goal?: Goal;
  /** Context printed after the figure (runs, N, the reason a figure is missing). */
  note?: string;
}

export type Verdict = "met" | "MISSED" | "";

export function verdict(row: Row): Verdict {
  if (!row.goal) return "";
  return row.measured !== undefined && row.measured <= row.goal.max ? "met" : "MISSED";
}

/** Figures at the precision a reader needs: 3 significant digits, no exponent. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return Math.round(value).toLocaleString("en-US");
  if (magnitude >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function figure(value: number | undefined, unit: string): string {
  return value === undefined ? "n/a" : `${formatNumber(value)} ${unit}`.trim();
}

/** A Markdown table (also readable on a console): what, measured, goal, verdict, note. */
export function renderTable(rows: readonly Row[]): string {
  const cells = rows.map((row) => [row.what, figure(row.measured, row.unit), row.goal ? `≤ ${figure(row.goal.max, row.goal.unit)}` : "", verdict(row), row.note ?? ""]);
  const header = ["measure", "measured", "goal", "", "note"];
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((line) => line[column]!.length)));
  const line = (values: readonly string[]) => `| ${values.map((value, column) => value.padEnd(widths[column]!)).join(" | ")} |`;
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...cells.map(line)].join("\n");
}

/**
 * The cases per rule that yield at least `target` cases, given the totals at one
 * and at two cases per rule: the count grows by the same step per added case per
 * rule (the documented examples and enumerations are a fixed part).
 */
export function casesPerRuleFor(target: number, atOne: number, atTwo: number): number {
  const step = atTwo - atOne;
  if (step <= 0) throw new Error(`the case count does not grow with --cases (${atOne} at 1, ${atTwo} at 2)`);
  return Math.max(1, Math.ceil((target - atOne) / step) + 1);
}

/**
 * How the time per interaction changes from the smallest to the largest N: the
 * marginal cost (ms per added interaction) between consecutive sizes, and whether
 * the total grows linearly, i.e. the marginal cost of the last step is within
 * `tolerance` times the one before (a fixed start-up cost makes small N look dear
 * per interaction without making growth worse than linear).
 */
export function growth(points: readonly { n: number; ms: number }[], tolerance = 1.5): { marginalMs: number[]; linear: boolean } {
  const sorted = [...points].sort((a, b) => a.n - b.n);
  const marginalMs = sorted.slice(1).map((point, index) => (point.ms - sorted[index]!.ms) / (point.n - sorted[index]!.n));
  const [before, last] = [marginalMs.at(-2), marginalMs.at(-1)];
  const linear = before === undefined || last === undefined ? true : last <= Math.max(before, 0) * tolerance + 1;
  return { marginalMs, linear };
}
