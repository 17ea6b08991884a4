import { once } from "node:events";
import { disposePrestartedPactWorker, prestartPactWorker, startPactWorker, type PactWorkerProcess } from "../../src/verify/pact/workerProcess";

jest.setTimeout(30_000);

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
      expect(first.earlyEnd()).toBeUndefined();
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
});
