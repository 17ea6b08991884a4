import { fork, type ChildProcess } from "node:child_process";
import { runnableModule } from "../../packageFiles";

/**
 * The Pact worker's process (worker.ts): forked as early as the run can, since
 * loading the Verifier and its native core takes about a fifth of a second, spent
 * while the runner sets up its own part. Kept light (Node's child_process and
 * packageFiles only) so the bin script can fork it before it loads the CLI.
 */

const WORKER = runnableModule(__dirname, "worker");

export interface PactWorkerProcess {
  readonly child: ChildProcess;
  /** Why the worker could not start or ended before it was used, if it did. */
  earlyEnd(): string | undefined;
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
  // Until it is used, a failure to start or an early end is kept, and reported when it is.
  let earlyEnd: string | undefined;
  child.on("error", (error) => (earlyEnd ??= `could not start: ${error.message}`));
  child.on("exit", (code, signal) => (earlyEnd ??= `stopped before it was used (${signal ?? `exit ${code}`})`));
  return {
    child,
    earlyEnd: () => earlyEnd,
    dispose: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}

/** Forked by `prestartPactWorker` and not yet taken by a run. */
let prestarted: PactWorkerProcess | undefined;

/**
 * Forks a worker now, for the next `startPactWorker` to take: the bin script calls
 * it for `verify` before loading the CLI, so the worker loads on the other core
 * while the CLI loads on this one (about 40 ms off a default run). Until taken it
 * holds no process open, so a `verify` that runs no Pact part (--help, a usage
 * error, --exclude-checks pact_verification) exits as before.
 */
export function prestartPactWorker(): PactWorkerProcess {
  prestarted ??= forkWorker();
  prestarted.child.unref();
  prestarted.child.channel?.unref();
  // Stderr is read only once a run takes the worker; until then its pipe holds no process open.
  (prestarted.child.stderr as unknown as { unref?(): void } | null)?.unref?.();
  return prestarted;
}

/** The worker a run uses: the prestarted one, or a new one. */
export function startPactWorker(): PactWorkerProcess {
  const taken = prestarted;
  prestarted = undefined;
  if (!taken) return forkWorker();
  taken.child.ref();
  taken.child.channel?.ref();
  (taken.child.stderr as unknown as { ref?(): void } | null)?.ref?.();
  return taken;
}

/** Ends a prestarted worker no run took. */
export function disposePrestartedPactWorker(): void {
  prestarted?.dispose();
  prestarted = undefined;
}
