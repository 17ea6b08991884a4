import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { BenchError, planOf } from "../../bench/plan";

const ROOT = path.resolve(__dirname, "../..");

describe("bench arguments", () => {
  it("runs the full plan by default and a lighter one with --quick", () => {
    expect(planOf([])).toMatchObject({ quick: false, verifyRuns: 5, layerRepetitions: 5 });
    expect(planOf([])).not.toHaveProperty("compare");
    expect(planOf(["--quick"])).toMatchObject({ quick: true, verifyRuns: 3, layerRepetitions: 3 });
  });

  it("--compare DIR names the other build's bin, with or without --quick around it", () => {
    const compare = { dir: ROOT, bin: path.join(ROOT, "bin/graph-conformance.js") };
    expect(planOf(["--compare", ROOT]).compare).toEqual(compare);
    expect(planOf(["--quick", "--compare", ROOT])).toMatchObject({ quick: true, compare });
  });

  it("refuses --compare without a directory, a directory with no build, and unknown arguments, in one line each", () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "gc-bench-plan-"));
    try {
      const refusals: [string[], RegExp][] = [
        [["--compare"], /^--compare needs a directory \(usage: /],
        [["--compare", "--quick"], /^--compare needs a directory/],
        [["--compare", empty], /no bin\/graph-conformance\.js there/],
        [["--fast"], /^usage: npm run bench .*\(unknown: --fast\)$/],
      ];
      for (const [argv, message] of refusals) {
        let thrown: unknown;
        try {
          planOf(argv);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(BenchError);
        expect((thrown as Error).message).toMatch(message);
        expect((thrown as Error).message).not.toContain("\n");
      }
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
