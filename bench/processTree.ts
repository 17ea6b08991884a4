import { spawn } from "node:child_process";
import fs from "node:fs";

/**
 * Runs a command to its end and measures it from outside: wall time from spawn to
 * exit, and peak memory. A `verify` is two processes (the CLI and its Pact worker),
 * so the peak is the largest sum over the whole process tree, sampled from /proc
 * every `sampleMs`: of resident memory (RSS, which counts the pages the two Node
 * processes share twice) and of proportional memory (PSS, shared pages split between
 * their users: what the tree really occupies). The CLI's own high-water mark (VmHWM,
 * exact, not sampled) is kept too. Without /proc (not Linux) they are absent.
 */

export interface ProcessRun {
  exitCode: number | null;
  /** Epoch ms at spawn and at exit, to place the child's own timestamps in between. */
  spawnedAt: number;
  exitedAt: number;
  wallMs: number;
  /** Largest sampled sum of VmRSS over the process and its descendants, in MiB. */
  treePeakRssMiB?: number;
  /** Largest sampled sum of Pss (smaps_rollup) over the same processes, in MiB. */
  treePeakPssMiB?: number;
  /** The process's own VmHWM at its last sample, in MiB. */
  mainPeakRssMiB?: number;
  stdout: string;
  stderr: string;
}

function procField(pid: number, file: "status" | "smaps_rollup", field: string): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(fs.readFileSync(`/proc/${pid}/${file}`, "utf8"));
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

function treeMemoryMiB(root: number): { rss: number; pss: number } | undefined {
  if (procField(root, "status", "VmRSS") === undefined) return undefined;
  const total = { rss: 0, pss: 0 };
  const pending = [root];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    total.rss += procField(pid, "status", "VmRSS") ?? 0;
    total.pss += procField(pid, "smaps_rollup", "Pss") ?? 0;
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
  let treePeak: { rss: number; pss: number } | undefined;
  let mainPeak: number | undefined;
  const sample = () => {
    if (child.pid === undefined) return;
    const tree = treeMemoryMiB(child.pid);
    if (tree !== undefined) treePeak = { rss: Math.max(treePeak?.rss ?? 0, tree.rss), pss: Math.max(treePeak?.pss ?? 0, tree.pss) };
    mainPeak = procField(child.pid, "status", "VmHWM") ?? mainPeak;
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
        ...(treePeak === undefined ? {} : { treePeakRssMiB: treePeak.rss, treePeakPssMiB: treePeak.pss }),
        ...(mainPeak === undefined ? {} : { mainPeakRssMiB: mainPeak }),
        stdout,
        stderr,
      });
    });
  });
}
