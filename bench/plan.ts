import fs from "node:fs";
import path from "node:path";

/** A measurement that could not be made, or a bench invoked wrongly: one line, exit 2. */
export class BenchError extends Error {}

export interface Plan {
  quick: boolean;
  /** `--compare DIR`: the build to alternate with, and its bin. */
  compare?: { dir: string; bin: string };
  verifyRuns: number;
  layerCasesPerRule: number;
  layerRepetitions: number;
  pactSizes: number[];
  ajvSeconds: number;
  largeCases: number;
}

const USAGE = "usage: npm run bench [-- --quick] [--compare DIR]";

function comparedBuild(given: string | undefined): { dir: string; bin: string } {
  if (given === undefined || given.startsWith("--")) throw new BenchError(`--compare needs a directory (${USAGE})`);
  // Where `npm run bench` was typed, not the package root npm runs the script in.
  const dir = path.resolve(process.env.INIT_CWD ?? process.cwd(), given);
  const bin = path.join(dir, "bin/graph-conformance.js");
  if (!fs.existsSync(bin)) throw new BenchError(`--compare ${given}: no bin/graph-conformance.js there; name a checkout of graph-conformance with its npm ci done, or an installed package`);
  return { dir, bin };
}

export function planOf(argv: readonly string[]): Plan {
  const compareAt = argv.indexOf("--compare");
  const compare = compareAt === -1 ? undefined : comparedBuild(argv[compareAt + 1]);
  const unknown = argv.filter((arg, index) => arg !== "--quick" && (compareAt === -1 || (index !== compareAt && index !== compareAt + 1)));
  if (unknown.length > 0) throw new BenchError(`${USAGE} (unknown: ${unknown.join(" ")})`);
  const quick = argv.includes("--quick");
  return {
    quick,
    ...(compare ? { compare } : {}),
    verifyRuns: quick ? 3 : 5,
    layerCasesPerRule: quick ? 5 : 10,
    layerRepetitions: quick ? 3 : 5,
    pactSizes: [10, 100, 1000],
    ajvSeconds: quick ? 0.5 : 1,
    largeCases: 10_000,
  };
}

