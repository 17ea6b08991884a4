import { decideRetry, defaultRetryPolicy, describeRetry, retryAfterMs, sendWithRetries } from "../../src/safety/retryPolicy";
import { virtualClock } from "./virtualClock";

const NOW = Date.parse("2026-11-22T10:00:00Z");

describe("retryAfterMs", () => {
  it("reads delay-seconds", () => {
    expect(retryAfterMs("3", NOW)).toBe(3000);
    expect(retryAfterMs(" 0 ", NOW)).toBe(0);
  });

  it("reads an HTTP-date as the time until then, never negative", () => {
    expect(retryAfterMs("Sun, 22 Nov 2026 10:00:05 GMT", NOW)).toBe(5000);
    expect(retryAfterMs("Sun, 22 Nov 2026 09:00:00 GMT", NOW)).toBe(0);
  });

  it("ignores what is neither", () => {
    for (const value of [undefined, "", "soon", "-1", "1.5", "2026-11-22"]) expect(retryAfterMs(value, NOW)).toBeUndefined();
  });
});

describe("decideRetry", () => {
  const base = { retriesSoFar: 0, nowMs: NOW };

  it("retries only 429 and 503", () => {
    expect(decideRetry({ ...base, status: 429, retryAfter: "2" })).toEqual({ retry: true, waitMs: 2000 });
    expect(decideRetry({ ...base, status: 503, retryAfter: "1" })).toEqual({ retry: true, waitMs: 1000 });
    for (const status of [200, 400, 404, 500, 502]) expect(decideRetry({ ...base, status, retryAfter: "1" })).toEqual({ retry: false });
  });

  it("backs off 1 s, 2 s, 4 s when no Retry-After came", () => {
    expect([0, 1, 2].map((retriesSoFar) => decideRetry({ ...base, status: 503, retriesSoFar }))).toEqual([
      { retry: true, waitMs: 1000 },
      { retry: true, waitMs: 2000 },
      { retry: true, waitMs: 4000 },
    ]);
  });

  it("stops after the bounded number of retries", () => {
    const decision = decideRetry({ ...base, status: 429, retryAfter: "1", retriesSoFar: defaultRetryPolicy.maxRetries });
    expect(decision).toEqual({ retry: false, reason: "still 429 after 3 retries" });
  });

  it("will not wait longer than its cap: a longer Retry-After ends the retries", () => {
    const decision = decideRetry({ ...base, status: 429, retryAfter: "3600" });
    expect(decision.retry).toBe(false);
    expect(decision).toMatchObject({ reason: expect.stringContaining("longer than the 30 s") });
  });

  it("will not wait past the end of the run", () => {
    const decision = decideRetry({ ...base, status: 503, retryAfter: "10", remainingMs: 4000 });
    expect(decision).toMatchObject({ retry: false, reason: expect.stringContaining("the run has 4 s left") });
  });
});

describe("sendWithRetries", () => {
  function scripted(...answers: Array<{ status: number; headers?: Record<string, string> }>) {
    let calls = 0;
    const send = async () => {
      const answer = answers[Math.min(calls, answers.length - 1)]!;
      calls += 1;
      return { status: answer.status, headers: answer.headers ?? {} };
    };
    return { send, calls: () => calls };
  }

  it("waits as asked, retries and returns the answer that was not a 429/503, reporting each retry", async () => {
    const clock = virtualClock(NOW);
    const target = scripted({ status: 429, headers: { "Retry-After": "2" } }, { status: 503, headers: { "retry-after": "Sun, 22 Nov 2026 10:00:03 GMT" } }, { status: 200 });
    const reported: string[] = [];
    const result = await sendWithRetries(target.send, { clock, onRetry: (event) => reported.push(describeRetry(event)) });
    expect(result.response.status).toBe(200);
    expect(result.gaveUp).toBeUndefined();
    expect(target.calls()).toBe(3);
    expect(clock.sleeps).toEqual([2000, 1000]);
    expect(reported).toEqual(["429 (Retry-After: 2); retry 1 of 3 after 2000 ms", "503 (Retry-After: Sun, 22 Nov 2026 10:00:03 GMT); retry 2 of 3 after 1000 ms"]);
  });

  it("reads Retry-After from a fetch Headers object too", async () => {
    const clock = virtualClock(NOW);
    let calls = 0;
    const result = await sendWithRetries(
      async () => {
        calls += 1;
        return calls === 1 ? { status: 429, headers: new Headers({ "Retry-After": "7" }) } : { status: 201, headers: new Headers() };
      },
      { clock },
    );
    expect(result.response.status).toBe(201);
    expect(clock.sleeps).toEqual([7000]);
  });

  it("gives up after the bounded retries and returns the last 429 with the reason", async () => {
    const clock = virtualClock(NOW);
    const target = scripted({ status: 429, headers: { "retry-after": "1" } });
    const result = await sendWithRetries(target.send, { clock });
    expect(target.calls()).toBe(4);
    expect(result.response.status).toBe(429);
    expect(result.retries).toHaveLength(3);
    expect(result.gaveUp).toBe("still 429 after 3 retries");
  });

  it("respects the run's remaining time", async () => {
    const clock = virtualClock(NOW);
    const target = scripted({ status: 503, headers: { "retry-after": "5" } });
    const result = await sendWithRetries(target.send, { clock, remainingMs: () => 2000 });
    expect(target.calls()).toBe(1);
    expect(result.gaveUp).toContain("the run has 2 s left");
  });

  it("stops waiting when the run is stopped", async () => {
    const controller = new AbortController();
    const target = scripted({ status: 503, headers: { "retry-after": "20" } });
    const pending = sendWithRetries(target.send, { signal: controller.signal, onRetry: () => controller.abort(new Error("interrupted")) });
    await expect(pending).rejects.toThrow("interrupted");
    expect(target.calls()).toBe(1);
  });
});
