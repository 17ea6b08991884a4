import os from "node:os";
import { Worker } from "node:worker_threads";
import { runnableModule } from "../packageFiles";
import { combineShares, lintPages, type LintOptions, type LintResult, type PageInput, type ShareResult } from "./lint";

/**
 * lint-docs over many pages on every core: the pages are cut into one contiguous
 * share per worker thread, each linted page by page there, and the shares put
 * together in page order (so findings are what one thread would give). A worker
 * costs its start (modules, schema compilation, ~0.2 s), so a thread is added only
 * for each PAGES_PER_THREAD pages.
 */
const PAGES_PER_THREAD = 500;
const WORKER = runnableModule(__dirname, "lintWorker");

function lintInWorker(inputs: readonly PageInput[], options: LintOptions): Promise<ShareResult> {
  // From the sources the worker first registers esbuild-register, then loads its TypeScript.
  const source = [...WORKER.preload.map((module) => `require(${JSON.stringify(module)});`), `require(${JSON.stringify(WORKER.file)});`].join("\n");
  const worker = new Worker(source, { eval: true, workerData: { inputs, options } });
  return new Promise((resolve, reject) => {
    worker.once("message", (share: ShareResult) => {
      resolve(share);
      void worker.terminate();
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`a lint-docs worker stopped (exit ${code}) before it finished`)));
  });
}

export async function lintPagesOnAllCores(inputs: readonly PageInput[], options: LintOptions = {}, threads: number = os.availableParallelism()): Promise<LintResult> {
  const count = Math.min(threads, Math.floor(inputs.length / PAGES_PER_THREAD));
  if (count <= 1) return lintPages(inputs, options);
  const size = Math.ceil(inputs.length / count);
  const shares = await Promise.all(Array.from({ length: count }, (_, index) => lintInWorker(inputs.slice(index * size, (index + 1) * size), options)));
  return combineShares(shares, options);
}
