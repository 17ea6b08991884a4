import { EventEmitter, getMaxListeners } from "node:events";
import { PassThrough } from "node:stream";
import { EXIT_INTERRUPTED, handleInterrupts, RunControl, RunStopped } from "../../src/safety/runControl";
import { virtualClock } from "./virtualClock";

function fakeProcess() {
  const emitter = new EventEmitter();
  const exits: number[] = [];
  return {
    exits,
    listeners: () => emitter.listenerCount("SIGINT"),
    interrupt: () => emitter.emit("SIGINT"),
    on: (event: "SIGINT", listener: () => void) => emitter.on(event, listener),
    off: (event: "SIGINT", listener: () => void) => emitter.off(event, listener),
    exit: ((code: number) => {
      exits.push(code);
    }) as (code: number) => never,
  };
}

function collect(stream: PassThrough): () => string {
  let text = "";
  stream.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  return () => text;
}

describe("RunControl", () => {
  it("runs to the end unless stopped", () => {
    const control = new RunControl();
    expect(control.stopped).toBe(false);
    expect(control.incomplete).toBeUndefined();
    expect(control.remainingMs()).toBe(Infinity);
  });

  it("aborts its signal with the first reason only", () => {
    const control = new RunControl();
    control.stop("interrupted (SIGINT)");
    control.stop("a later reason");
    expect(control.signal.aborted).toBe(true);
    expect(control.signal.reason).toBeInstanceOf(RunStopped);
    expect(control.incomplete).toBe("interrupted (SIGINT)");
  });

  it("stops once --max-failures checks have failed, not before", () => {
    const control = new RunControl({ maxFailures: 2 });
    control.recordFailure();
    expect(control.stopped).toBe(false);
    control.recordFailure();
    expect(control.incomplete).toBe("stopped after 2 failed checks (--max-failures 2)");
  });

  it("stops when the whole-run bound is reached", async () => {
    const control = new RunControl({ maxRunMs: 30 });
    await new Promise((resolve) => control.signal.addEventListener("abort", resolve));
    expect(control.incomplete).toBe("the run reached its time bound of 30 ms (--max-run-ms)");
  });

  it("lets every request in flight listen on its signal: no listener maximum, so no leak warning past ten", () => {
    const control = new RunControl();
    expect(getMaxListeners(control.signal)).toBe(Infinity);
    control.dispose();
  });

  it("counts the time left of the run bound", () => {
    const clock = virtualClock(1000);
    const control = new RunControl({ maxRunMs: 5000, clock });
    clock.advance(1500);
    expect(control.remainingMs()).toBe(3500);
    clock.advance(9000);
    expect(control.remainingMs()).toBe(0);
    control.dispose();
  });
});

describe("handleInterrupts", () => {
  it("turns the first Ctrl-C into a stop and removes its listener when disposed", () => {
    const target = fakeProcess();
    const stderr = new PassThrough();
    const output = collect(stderr);
    const control = new RunControl();
    const dispose = handleInterrupts(control, { process: target, stderr });
    expect(target.listeners()).toBe(1);
    target.interrupt();
    expect(control.incomplete).toBe("interrupted (SIGINT)");
    expect(target.exits).toEqual([]);
    expect(output()).toContain("writing the reports so far");
    dispose();
    expect(target.listeners()).toBe(0);
  });

  it("exits at once on a second Ctrl-C", () => {
    const target = fakeProcess();
    const dispose = handleInterrupts(new RunControl(), { process: target, stderr: new PassThrough() });
    target.interrupt();
    target.interrupt();
    expect(target.exits).toEqual([EXIT_INTERRUPTED]);
    dispose();
  });

  it("exits when the run has not ended by the deadline after Ctrl-C", async () => {
    const target = fakeProcess();
    const dispose = handleInterrupts(new RunControl(), { process: target, stderr: new PassThrough(), deadlineMs: 20 });
    target.interrupt();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(target.exits).toEqual([EXIT_INTERRUPTED]);
    dispose();
  });

  it("does not exit when the run ended (disposed) before the deadline", async () => {
    const target = fakeProcess();
    const dispose = handleInterrupts(new RunControl(), { process: target, stderr: new PassThrough(), deadlineMs: 20 });
    target.interrupt();
    dispose();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(target.exits).toEqual([]);
  });
});
