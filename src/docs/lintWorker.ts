import { parentPort, workerData } from "node:worker_threads";
import { lintShare, type LintOptions, type PageInput } from "./lint";

/** A worker thread of lint-docs (lintThreads.ts): lints its share of the pages and sends back the share's result. */
const { inputs, options } = workerData as { inputs: PageInput[]; options: LintOptions };
parentPort!.postMessage(lintShare(inputs, options));
