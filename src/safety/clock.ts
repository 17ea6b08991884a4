import { setTimeout as delay } from "node:timers/promises";

/** Time as the safety modules see it, so specs can run them on a virtual clock. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`; rejects at once (with the signal's reason) when the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: async (ms, signal) => {
    signal?.throwIfAborted();
    try {
      await delay(ms, undefined, { signal });
    } catch (error) {
      // timers/promises rejects with a generic AbortError; callers want the reason the run stopped.
      if (signal?.aborted) throw signal.reason;
      throw error;
    }
  },
};
