import { PassThrough } from "node:stream";
import { createConsoleReporter } from "../../src/report";
import type { RunResults } from "../../src/results/model";
import { TOKEN, passingRun, runResults } from "./fixtures";

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk.toString("utf8")));
  return { stream, text: () => chunks.join("") };
}

function runThrough(results: RunResults, tty: boolean, secrets?: string[]): string {
  const { stream, text } = capture();
  const reporter = createConsoleReporter(stream, { tty, secrets });
  for (const check of results.checks) reporter.onCheckFinished(check);
  reporter.printSummary(results);
  return text();
}

const ESC = "\u001b";

describe("console reporter, not a TTY (CI)", () => {
  it("prints one plain line per check as it finishes", () => {
    const results = runResults();
    const { stream, text } = capture();
    const reporter = createConsoleReporter(stream, { tty: false });
    reporter.onCheckFinished(results.checks[0]);
    expect(text()).toMatch(/^✓ industryData\.run\.update +P1 +full body echoed\n$/);
    reporter.onCheckFinished(results.checks[1]);
    const lines = text().split("\n");
    expect(lines[1]).toMatch(/^✗ industryData\.run\.update +E4 +status outside the enum — expected 400, got 200/);
    reporter.onCheckFinished(results.checks[3]);
    expect(text().split("\n")[2]).toMatch(/^- industryData\.runGroup\.create +P4 +two POSTs give two ids \(skipped: skipped by --skip P4\)$/);
    reporter.onCheckFinished(results.checks[4]);
    expect(text().split("\n")[3]).toMatch(/^✓ identityGovernance\.run\.update +Pact E1 +a PATCH without Authorization$/);
  });

  it("never writes an escape sequence: no colour, and a server's control characters shown as code points", () => {
    const output = runThrough(runResults(), false);
    expect(output).not.toContain(ESC);
    expect(output).not.toContain("\u0000");
    expect(output).toContain("connection reset\\u0000 \\u001b[31mred");
  });

  it("ends with the failures, the operation × rule family table with totals, the seed and the count line", () => {
    const output = runThrough(runResults(), false);
    const lines = output.split("\n");
    expect(output).toContain("Failures (3)");
    expect(output).toMatch(/ {4}sent: PATCH http:\/\/127\.0\.0\.1:4010\/industryData\/runGroups\/g-1 \{"displayName":"A"/);
    expect(output).toContain("    came back: nothing (ECONNRESET)");

    const header = lines.find((line) => line.startsWith("operation"));
    expect(header).toMatch(/^operation +entity +P +E +Pact +total$/);
    const row = (prefix: string) => lines.find((line) => line.startsWith(prefix))?.split(/ {2,}/);
    expect(row("industryData.run.update")).toEqual(["industryData.run.update", "provider-state", "✓1", "✓0 ✗1", "·", "✓1 ✗1"]);
    expect(row("industryData.runGroup.update *")).toEqual(["industryData.runGroup.update *", "provider-state", "✓0 ✗1", "·", "·", "✓0 ✗1"]);
    expect(row("industryData.runGroup.create")).toEqual(["industryData.runGroup.create", "created", "✓0 -1", "·", "·", "✓0 -1"]);
    expect(row("identityGovernance.run.update")).toEqual(["identityGovernance.run.update", "fixture", "·", "·", "✓1 ✗1", "✓1 ✗1"]);
    expect(row("total")).toEqual(["total", "✓1 ✗1 -1", "✓0 ✗1", "✓1 ✗1", "✓2 ✗3 -1"]);

    expect(output).toContain("* industryData.runGroup.update: path PATCH /industryData/runGroups/{id} is inferred: page 000's HTTP request block is empty");
    expect(output).toContain("seed 1234 — rerun with --seed 1234");
    expect(output).toContain("Skipped (1)\n  1 × skipped by --skip P4");
    expect(lines.at(-2)).toBe("6 checks: 2 passed, 3 failed, 1 skipped in 2.5 s");
    expect(output).not.toContain("INCOMPLETE");
  });

  it("prints no failure section for a passing run, and still the seed", () => {
    const output = runThrough(passingRun(), false);
    expect(output).not.toContain("Failures");
    expect(output).toContain("seed 1234 — rerun with --seed 1234");
    expect(output).toContain("2 checks: 2 passed, 0 failed, 0 skipped");
  });

  it("says why a run is incomplete", () => {
    const output = runThrough(runResults({ incomplete: "interrupted by SIGINT" }), false);
    expect(output).toContain("INCOMPLETE: interrupted by SIGINT");
  });

  it("masks the secrets it is given, in every form, in live lines and the summary", () => {
    const output = runThrough(runResults(), false, [TOKEN]);
    expect(output).toContain("server said: token *** accepted");
    expect(output).not.toContain(TOKEN);
    expect(output).not.toContain(encodeURIComponent(TOKEN));
  });
});

describe("console reporter on a TTY", () => {
  it("keeps one updating progress line with the counts and the current operation, then clears it for the summary", () => {
    const results = runResults();
    const { stream, text } = capture();
    Object.assign(stream, { columns: 200 });
    const reporter = createConsoleReporter(stream, { tty: true });
    reporter.onCheckFinished(results.checks[0]);
    reporter.onCheckFinished(results.checks[1]);
    const progress = text();
    expect(progress).not.toContain("\n");
    const updates = progress.split("\r").filter(Boolean);
    expect(updates).toHaveLength(2);
    const plain = (value: string) => value.replace(/\u001b\[[0-9;]*[A-Za-z]/g, "");
    expect(plain(updates[1])).toBe("[1 ✓  1 ✗  0 -] industryData.run.update  E4  status outside the enum");

    reporter.printSummary(results);
    const summary = text().slice(progress.length);
    expect(summary.startsWith("\r\u001b[2K")).toBe(true);
    expect(summary).toContain(`${ESC}[31m✗${ESC}[39m`);
    expect(plain(summary)).toContain("seed 1234 — rerun with --seed 1234");
  });

  it("cuts the progress line to the terminal width so it never wraps", () => {
    const results = runResults();
    const { stream, text } = capture();
    Object.assign(stream, { columns: 40 });
    const reporter = createConsoleReporter(stream, { tty: true });
    reporter.onCheckFinished(results.checks[2]);
    const visible = text().replace(/\r|\u001b\[[0-9;]*[A-Za-z]/g, "");
    expect(visible.length).toBeLessThan(40);
    expect(visible.endsWith("…")).toBe(true);
  });
});
