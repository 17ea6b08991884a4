import http from "node:http";
import type { AddressInfo } from "node:net";
import { startReferenceProvider, type RunningProvider } from "../../src/provider";
import type { RunResults } from "../../src/results/model";
import { runVerify } from "./runVerify";

/**
 * A correct target behind a throttle: the first time it sees a request (method,
 * path and body) it answers 429 with Retry-After: 0, then lets the same request
 * through. A runner that honours Retry-After passes every check; one that does
 * not, in any part (Pact interactions included), fails.
 */
let provider: RunningProvider;
let throttle: http.Server;
let throttleUrl: string;
const throttled: string[] = [];

beforeAll(async () => {
  provider = await startReferenceProvider({ port: 0, host: "127.0.0.1", token: "tok-throttled-4711" });
  const seen = new Set<string>();
  throttle = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks);
      const key = `${request.method} ${request.url} ${body.toString("utf8")}`;
      if (!seen.has(key)) {
        seen.add(key);
        throttled.push(key);
        response.writeHead(429, { "content-type": "application/json", "retry-after": "0" }).end('{"error":{"code":"tooManyRequests","message":"slow down"}}');
        return;
      }
      const upstream = http.request(`${provider.baseUrl}${request.url}`, { method: request.method, headers: request.headers }, (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      });
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => throttle.listen(0, "127.0.0.1", resolve));
  throttleUrl = `http://127.0.0.1:${(throttle.address() as AddressInfo).port}`;
});

afterAll(async () => {
  throttle.closeAllConnections();
  await new Promise((resolve) => throttle.close(resolve));
  await provider.close();
});

it("a target answering 429 with Retry-After once per request passes: contract interactions and cases are retried alike", async () => {
  const run = await runVerify(["--base-url", throttleUrl, "--token", "tok-throttled-4711", "--seed", "5", "--cases", "1"]);
  expect(run.stderr).toMatch(/429 \(Retry-After: 0\); retry 1 of 3/);
  expect(run.exitCode).toBe(0);
  const results = JSON.parse(run.reports["results.json"]) as RunResults;
  const pact = results.checks.filter((check) => check.source === "pact");
  expect(pact.length).toBeGreaterThan(30);
  expect(pact.filter((check) => check.status !== "passed").map((check) => [check.name, check.message])).toEqual([]);
  // Most contract requests were refused once first (a few are the same as a case's request, seen before).
  const retried = pact.filter((check) => check.exchanges[0]?.retries?.[0]?.includes("429 (Retry-After: 0)"));
  expect(retried.length).toBeGreaterThan(pact.length / 2);
  expect(throttled.length).toBeGreaterThan(pact.length);
}, 60_000);
