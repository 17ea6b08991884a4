import { setMaxListeners } from "node:events";
import { type Clock, systemClock } from "./clock";
import { INTERRUPT_WATCHDOG_MS } from "./limits";

/** The abort reason of a run that stopped early; `message` is what the report shows as `incomplete`. */
export class RunStopped extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RunStopped";
  }
}

export interface RunControlOptions {
  /** `--max-run-ms`: the run stops when it has lasted this long. */
  maxRunMs?: number;
  /** `--max-failures`: the run stops once this many checks have failed. */
  maxFailures?: number;
  clock?: Clock;
}

/**
 * One signal for "stop the run now", whatever the cause: Ctrl-C, the failure
 * budget or the whole-run time bound. The runner passes `signal` to every wait
 * and to the HTTP client, which ends a request on it, checks `stopped` between checks,
 * and copies `incomplete` into the results before it writes the reports.
 */
export class RunControl {
  private readonly controller = new AbortController();
  private readonly clock: Clock;
  private readonly startedAt: number;
  private readonly runTimer?: NodeJS.Timeout;
  private failures = 0;

  constructor(private readonly options: RunControlOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.startedAt = this.clock.now();
    // Every request in flight listens on the signal: more than Node's default of ten is no leak.
    setMaxListeners(Infinity, this.controller.signal);
    if (options.maxRunMs !== undefined) {
      this.runTimer = setTimeout(() => this.stop(`the run reached its time bound of ${options.maxRunMs} ms (--max-run-ms)`), options.maxRunMs);
      // The bound must never keep a finished process alive.
      this.runTimer.unref();
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get stopped(): boolean {
    return this.controller.signal.aborted;
  }

  /** Why the run stopped early; undefined while it may still run to the end. */
  get incomplete(): string | undefined {
    return this.stopped ? (this.controller.signal.reason as RunStopped).message : undefined;
  }

  /** The first reason wins: later causes do not rewrite why the run stopped. */
  stop(reason: string): void {
    if (!this.stopped) this.controller.abort(new RunStopped(reason));
  }

  /** Counts one failed check against `--max-failures`. */
  recordFailure(): void {
    this.failures += 1;
    const max = this.options.maxFailures;
    if (max !== undefined && this.failures >= max) this.stop(`stopped after ${this.failures} failed checks (--max-failures ${max})`);
  }

  /** Time left before the run bound; Infinity without one. */
  remainingMs(): number {
    if (this.options.maxRunMs === undefined) return Infinity;
    return Math.max(0, this.options.maxRunMs - (this.clock.now() - this.startedAt));
  }

  dispose(): void {
    if (this.runTimer !== undefined) clearTimeout(this.runTimer);
  }
}

/** The parts of `process` the interrupt handler uses, so specs can hand in a stand-in. */
export interface InterruptibleProcess {
  on(event: "SIGINT", listener: () => void): unknown;
  off(event: "SIGINT", listener: () => void): unknown;
  exit(code: number): never;
}

export interface InterruptOptions {
  process?: InterruptibleProcess;
  /** Where the notices go (the command's stderr). */
  stderr: NodeJS.WritableStream;
  /** Backstop: a run still going this long after Ctrl-C is ended without its reports. */
  deadlineMs?: number;
}

/** Exit status after a second Ctrl-C or a missed deadline: 128 + SIGINT, as shells report it. */
export const EXIT_INTERRUPTED = 130;

/**
 * Ctrl-C stops the run through `control` so the runner can still write the
 * reports so far. A second Ctrl-C, or a run that has not ended by the deadline,
 * exits at once. Returns the function that removes the handler.
 */
export function handleInterrupts(control: RunControl, options: InterruptOptions): () => void {
  const target = options.process ?? process;
  let watchdog: NodeJS.Timeout | undefined;
  const onInterrupt = (): void => {
    if (control.stopped && watchdog !== undefined) {
      options.stderr.write("graph-conformance: interrupted again; exiting without waiting for the reports\n");
      target.exit(EXIT_INTERRUPTED);
    }
    options.stderr.write("graph-conformance: interrupted; stopping and writing the reports so far\n");
    control.stop("interrupted (SIGINT)");
    watchdog = setTimeout(() => {
      options.stderr.write("graph-conformance: the run did not stop in time after the interrupt; exiting\n");
      target.exit(EXIT_INTERRUPTED);
    }, options.deadlineMs ?? INTERRUPT_WATCHDOG_MS);
    watchdog.unref();
  };
  target.on("SIGINT", onInterrupt);
  return () => {
    target.off("SIGINT", onInterrupt);
    if (watchdog !== undefined) clearTimeout(watchdog);
  };
}
