import { type Clock, systemClock } from "./clock";

/**
 * `--rate N`: at most N requests per second to the target, as a token bucket.
 * The bucket holds one token by default, so requests are spread evenly rather
 * than sent in bursts of N at the start of every second.
 */
export class RateLimiter {
  private tokens: number;
  private refilledAt: number;
  /** Callers are served in the order they asked. */
  private queue: Promise<void> = Promise.resolve();
  private readonly burst: number;
  private readonly clock: Clock;

  constructor(
    readonly requestsPerSecond: number,
    options: { burst?: number; clock?: Clock } = {},
  ) {
    if (!(requestsPerSecond > 0) || !Number.isFinite(requestsPerSecond)) throw new RangeError(`rate must be a positive number, got ${requestsPerSecond}`);
    this.burst = options.burst ?? 1;
    this.clock = options.clock ?? systemClock;
    this.tokens = this.burst;
    this.refilledAt = this.clock.now();
  }

  /** Resolves when one more request may be sent; rejects when the signal aborts first. */
  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.take(signal));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      this.refill();
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.clock.sleep(Math.ceil(((1 - this.tokens) * 1000) / this.requestsPerSecond), signal);
    }
  }

  /**
   * Another sender to the same target has just used the rate (the Pact worker and
   * the runner take turns): the next request waits a whole interval, so that the
   * two together still keep to N a second.
   */
  drain(): void {
    this.tokens = 0;
    this.refilledAt = this.clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) * this.requestsPerSecond) / 1000);
    this.refilledAt = now;
  }
}
