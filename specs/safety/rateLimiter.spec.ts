import { RateLimiter } from "../../src/safety/rateLimiter";
import { virtualClock } from "./virtualClock";

async function sendTimes(limiter: RateLimiter, clock: { now(): number }, count: number): Promise<number[]> {
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: count }, () =>
      limiter.acquire().then(() => {
        times.push(clock.now());
      }),
    ),
  );
  return times;
}

describe("RateLimiter", () => {
  it("spaces requests evenly at N per second, the first at once", async () => {
    const clock = virtualClock();
    expect(await sendTimes(new RateLimiter(4, { clock }), clock, 5)).toEqual([0, 250, 500, 750, 1000]);
  });

  it("takes fractional rates: 0.5 is one request every 2 seconds", async () => {
    const clock = virtualClock();
    expect(await sendTimes(new RateLimiter(0.5, { clock }), clock, 3)).toEqual([0, 2000, 4000]);
  });

  it("allows a burst when asked, then the steady rate", async () => {
    const clock = virtualClock();
    expect(await sendTimes(new RateLimiter(10, { burst: 3, clock }), clock, 5)).toEqual([0, 0, 0, 100, 200]);
  });

  it("does not wait when the requests are already slower than the rate", async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter(2, { clock });
    await limiter.acquire();
    clock.advance(5000);
    await limiter.acquire();
    expect(clock.sleeps).toEqual([]);
  });

  it("drained, waits a whole interval before the next request, however long it was idle", async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter(4, { clock });
    clock.advance(5000);
    limiter.drain();
    expect(await sendTimes(limiter, clock, 2)).toEqual([5250, 5500]);
  });

  it("rejects a waiting caller as soon as the run is stopped", async () => {
    const limiter = new RateLimiter(0.1);
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error("stopped"));
    await expect(waiting).rejects.toThrow("stopped");
  });

  it("refuses a rate that is not a positive number", () => {
    expect(() => new RateLimiter(0)).toThrow(RangeError);
    expect(() => new RateLimiter(Number.NaN)).toThrow(RangeError);
  });
});
