import { spawn } from "node:child_process";
import fs from "node:fs";

/**
 * Runs a command to its end and measures it from outside: wall time from spawn to
 * exit, and peak memory. A `verify` is two processes (the CLI and its Pact worker),
 * so the peak is the largest sum of resident memory over the whole process tree,
 * sampled from /proc every `sampleMs`; the CLI's own high-water mark (VmHWM, exact,
 * not sampled) is kept too. Without /proc (not Linux) the memory figures are absent.
 */

export interface ProcessRun {
  exitCode: number | null;
  /** Epoch ms at spawn and at exit, to place the child's own timestamps in between. */
  spawnedAt: number;
  exitedAt: number;
  wallMs: number;
  /** Largest sampled sum of VmRSS over the process and its descendants, in MiB. */
  treePeakRssMiB?: number;
  /** The process's own VmHWM at its last sample, in MiB. */
  mainPeakRssMiB?: number;
  stdout: string;
  stderr: string;
}

function statusField(pid: number, field: string): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return fs
      .readdirSync(`/proc/${pid}/task`)
      .flatMap((task) => fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim().split(/\s+/))
      .filter((text) => text !== "")
      .map(Number);
  } catch {
    return [];
  }
}

function treeRssMiB(root: number): number | undefined {
  const rootRss = statusField(root, "VmRSS");
  if (rootRss === undefined) return undefined;
  let total = rootRss;
  const pending = childrenOf(root);
  while (pending.length > 0) {
    const pid = pending.pop()!;
    total += statusField(pid, "VmRSS") ?? 0;
    pending.push(...childrenOf(pid));
  }
  return total;
}

export function runMeasured(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; sampleMs?: number }): Promise<ProcessRun> {
  const spawnedAt = Date.now();
  const started = performance.now();
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  let treePeak: number | undefined;
  let mainPeak: number | undefined;
  const sample = () => {
    if (child.pid === undefined) return;
    const tree = treeRssMiB(child.pid);
    if (tree !== undefined) treePeak = Math.max(treePeak ?? 0, tree);
    mainPeak = statusField(child.pid, "VmHWM") ?? mainPeak;
  };
  const sampler = setInterval(sample, options.sampleMs ?? 20);
  return new Promise((resolve, reject) => {
    child.on("error", (error) => {
      clearInterval(sampler);
      reject(error);
    });
    child.on("close", (exitCode) => {
      clearInterval(sampler);
      resolve({
        exitCode,
        spawnedAt,
        exitedAt: Date.now(),
        wallMs: performance.now() - started,
        ...(treePeak === undefined ? {} : { treePeakRssMiB: treePeak }),
        ...(mainPeak === undefined ? {} : { mainPeakRssMiB: mainPeak }),
        stdout,
        stderr,
      });
    });
  });
}
