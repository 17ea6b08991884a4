/**
 * Doc-linter benchmark: `node -r esbuild-register bench/lintDocs.ts [DIR] [--pages N]`.
 * Lints a directory of doc pages (every `.md` below DIR) through `lintPages`, the
 * path `lint-docs` takes, and prints pages per second and peak memory. Without DIR
 * it writes N pages (default 4,000) into a temporary directory: variants of the
 * project's pages and spec fixtures (apidocs/, specs/fixtures/docs/), each example
 * renamed per copy so the copies do not all collide as duplicates, since the
 * published corpus is not in the repository.
 *
 * Each size (a quarter of the pages, then all) runs in a fresh child process, so
 * peak RSS is that run's own: memory flat in the number of pages shows as two
 * similar figures. The first page is linted alone first and timed as start-up
 * (module load, schema compilation); the rate is over the others, by wall clock and
 * by CPU time (the second holds when other work shares the machine; the load
 * average is printed). Figures are printed, never asserted; the goal is at least
 * 2,000 pages a second on 2 cores.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PageInput } from "../src/docs/lint";

/**
 * The built linter (dist/, `npm run bench` builds it first), as the CLI runs it.
 */
const { lintPages } = require("../dist/docs/lint") as typeof import("../src/docs/lint");

const ROOT = path.resolve(__dirname, "..");
const SOURCE_DIRS = ["apidocs", "specs/fixtures/docs", "specs/fixtures/docs/conventions", "specs/fixtures/docs/defects"];
/** Fixtures that are not doc pages on purpose; they would only be counted as unusable. */
const NOT_DOC_PAGES = new Set(["not-a-doc-page.md"]);
const GOAL_PAGES_PER_SECOND = 2000;

function markdownBelow(directory: string): string[] {
  return fs
    .readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".md"))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** Writes `count` page variants into a new temporary directory and returns it. */
function writeCorpus(count: number): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "lint-docs-bench-"));
  const sources = SOURCE_DIRS.flatMap((dir) =>
    fs
      .readdirSync(path.join(ROOT, dir))
      .filter((name) => name.endsWith(".md") && !NOT_DOC_PAGES.has(name))
      .map((name) => fs.readFileSync(path.join(ROOT, dir, name), "utf8")),
  );
  for (let index = 0; index < count; index++) {
    const variant = sources[index % sources.length].replace(/("name":\s*")([^"]+)"/g, `$1$2_${index}"`);
    fs.writeFileSync(path.join(directory, `page-${String(index).padStart(5, "0")}.md`), variant);
  }
  return directory;
}

interface Measurement {
  pages: number;
  startupSeconds: number;
  seconds: number;
  cpuSeconds: number;
  findings: number;
  peakRssMiB: number;
}

/** The child's work: lint the first `limit` pages of the directory once, print the measurement as JSON. */
async function measure(directory: string, limit: number): Promise<Measurement> {
  const inputs: PageInput[] = markdownBelow(directory)
    .slice(0, limit)
    .map((absolutePath) => ({ path: path.relative(directory, absolutePath), absolutePath }));
  const loaded = process.hrtime.bigint();
  lintPages(inputs.slice(0, 1));
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const result = lintPages(inputs.slice(1));
  const used = process.cpuUsage(cpu);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    pages: result.pagesLinted,
    startupSeconds: Number(started - loaded) / 1e9,
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    findings: result.findings.length,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}

function runChild(directory: string, limit: number): Measurement {
  const child = spawnSync(process.execPath, [...process.execArgv, __filename, "--child", directory, String(limit)], { encoding: "utf8" });
  if (child.status !== 0) throw new Error(`benchmark child failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as Measurement;
}

async function main(args: string[]): Promise<void> {
  if (args[0] === "--child") {
    process.stdout.write(JSON.stringify(await measure(args[1], Number(args[2]))));
    return;
  }
  const pagesFlag = args.indexOf("--pages");
  const requested = pagesFlag === -1 ? 4000 : Number(args[pagesFlag + 1]);
  const given = args.find((arg, index) => !arg.startsWith("--") && (pagesFlag === -1 || index !== pagesFlag + 1));
  const directory = given ? path.resolve(given) : writeCorpus(requested);
  const total = given ? markdownBelow(directory).length : requested;
  try {
    const load = os.loadavg()[0].toFixed(1);
    console.log(`lint-docs benchmark: ${total} pages from ${given ? directory : `variants of the project's pages (${directory})`}, ${os.cpus().length} CPUs, load ${load}, Node ${process.version}`);
    for (const limit of [Math.max(2, Math.floor(total / 4)), total]) {
      const run = runChild(directory, limit);
      console.log(
        `  ${String(run.pages + 1).padStart(6)} pages  start-up ${run.startupSeconds.toFixed(2)} s, then ${run.seconds.toFixed(2)} s: ` +
          `${Math.round(run.pages / run.seconds)} pages/s wall, ${Math.round(run.pages / run.cpuSeconds)} per CPU second (goal ${GOAL_PAGES_PER_SECOND})  ` +
          `peak RSS ${run.peakRssMiB.toFixed(0)} MiB  ${run.findings} findings`,
      );
    }
  } finally {
    if (!given) fs.rmSync(directory, { recursive: true, force: true });
  }
}

void main(process.argv.slice(2));
