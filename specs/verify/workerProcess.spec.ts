import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { disposePrestartedPactWorker, prestartPactWorker, startPactWorker, type PactWorkerProcess } from "../../src/verify/pact/workerProcess";

jest.setTimeout(30_000);

const MODULE = path.resolve(__dirname, "../../src/verify/pact/workerProcess.ts");

async function ended(worker: PactWorkerProcess): Promise<void> {
  if (worker.child.exitCode === null && worker.child.signalCode === null) await once(worker.child, "exit");
}

describe("the Pact worker's process", () => {
  afterEach(() => disposePrestartedPactWorker());

  it("hands the prestarted worker to the next run, and forks a new one for the run after", async () => {
    const early = prestartPactWorker();
    const first = startPactWorker();
    const second = startPactWorker();
    try {
      expect(first).toBe(early);
      expect(second.child.pid).not.toBe(early.child.pid);
      // Taken: disposing what is left unclaimed no longer touches it.
      disposePrestartedPactWorker();
      expect(first.child.killed).toBe(false);
    } finally {
      first.dispose();
      second.dispose();
    }
    await Promise.all([ended(first), ended(second)]);
  });

  it("ends a prestarted worker no run took, and the next run forks its own", async () => {
    const early = prestartPactWorker();
    expect(prestartPactWorker()).toBe(early);
    disposePrestartedPactWorker();
    await ended(early);
    expect(early.child.signalCode).toBe("SIGKILL");
    const next = startPactWorker();
    try {
      expect(next.child.pid).not.toBe(early.child.pid);
    } finally {
      next.dispose();
    }
    await ended(next);
  });

  it("tells the run that takes it why a prestarted worker ended, with its last line of stderr", async () => {
    const nodeOptions = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = "--no-such-flag-for-the-spec";
    let early: PactWorkerProcess;
    try {
      early = prestartPactWorker();
    } finally {
      if (nodeOptions === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = nodeOptions;
    }
    await once(early.child, "close");
    expect(startPactWorker().earlyEnd()).toMatch(/^stopped before it was used \(exit \d+\): .*--no-such-flag-for-the-spec/);
  });

  it("holds no process open until a run takes it", async () => {
    // A process that only prestarts a worker ends at once: the worker's exit, IPC channel and stderr are all let go.
    const child = spawn(process.execPath, ["--require", require.resolve("esbuild-register"), "-e", `require(${JSON.stringify(MODULE)}).prestartPactWorker()`], { detached: true, stdio: "ignore" });
    const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 10_000);
    try {
      const [code, signal] = (await once(child, "exit")) as [number | null, NodeJS.Signals | null];
      expect({ code, signal }).toEqual({ code: 0, signal: null });
    } finally {
      clearTimeout(timer);
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // The group is gone already.
      }
    }
  });
});
