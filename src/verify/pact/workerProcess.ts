import { fork, type ChildProcess } from "node:child_process";
import type { Socket } from "node:net";
import { runnableModule } from "../../packageFiles";

/**
 * The Pact worker's process (worker.ts), forked as early as the run can, since
 * loading the Verifier and its native core takes a good part of a second: the bin
 * script forks it before it loads the CLI, so both load side by side. Kept light
 * (Node's child_process and packageFiles only) for that.
 */

const WORKER = runnableModule(__dirname, "worker");
/** Stderr kept from the worker, for the one-line reason when it fails. */
const STDERR_KEPT = 2000;

export interface PactWorkerProcess {
  readonly child: ChildProcess;
  /** Why the worker could not start or ended before it was used, if it did, with its last line of stderr. */
  earlyEnd(): string | undefined;
  /** The last line the worker wrote to stderr, if any. */
  lastStderrLine(): string | undefined;
  /** Ends the worker if it was never given work (a run that stopped early, or had no interaction selected). */
  dispose(): void;
}

function forkWorker(): PactWorkerProcess {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.PACT_DESCRIPTION;
  const child = fork(WORKER.file, [], {
    execArgv: WORKER.preload.flatMap((module) => ["--require", module]),
    env,
    // The core prints its own report to stdout: discarded, its JSON report is read instead.
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  // Read from the fork on: a worker that fails while it loads says why there, and a pipe nobody reads could fill.
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-STDERR_KEPT);
  });
  const lastStderrLine = () => stderr.trim().split("\n").at(-1) || undefined;
  // Until it is used, a failure to start or an early end is kept, and reported when it is.
  let ended: string | undefined;
  child.on("error", (error) => (ended ??= `could not start: ${error.message}`));
  child.on("exit", (code, signal) => (ended ??= `stopped before it was used (${signal ?? `exit ${code}`})`));
  return {
    child,
    earlyEnd: () => {
      const line = lastStderrLine();
      return ended === undefined || line === undefined ? ended : `${ended}: ${line}`;
    },
    lastStderrLine,
    dispose: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}

/** Forked by `prestartPactWorker` and not yet taken by a run. */
let prestarted: PactWorkerProcess | undefined;

/** The handles that keep this process running while the worker lives: its exit, its IPC channel and its stderr pipe. */
function setHeld(worker: PactWorkerProcess, held: boolean): void {
  for (const handle of [worker.child, worker.child.channel, worker.child.stderr as Socket | null]) {
    if (held) handle?.ref();
    else handle?.unref();
  }
}

/**
 * Forks a worker now, for the next `startPactWorker` to take (the bin script, for
 * `verify`). Until taken it holds no process open, so a `verify` that runs no Pact
 * part (--help, a usage error, --exclude-checks pact_verification) exits as before.
 */
export function prestartPactWorker(): PactWorkerProcess {
  prestarted ??= forkWorker();
  setHeld(prestarted, false);
  return prestarted;
}

/** The worker a run uses: the prestarted one, or a new one. */
export function startPactWorker(): PactWorkerProcess {
  const taken = prestarted;
  prestarted = undefined;
  if (!taken) return forkWorker();
  setHeld(taken, true);
  return taken;
}

/** Ends a prestarted worker no run took. */
export function disposePrestartedPactWorker(): void {
  prestarted?.dispose();
  prestarted = undefined;
}
