import { REPORT_FILES } from "../../src/report";
import { KEPT_BODY_BYTES } from "../../src/results/model";
import {
  drippingServer,
  failingServer,
  hangingServer,
  type HostileServer,
  FIFTY_MB,
  hugeBodyServer,
  invalidJsonServer,
  redirectLoopServer,
  resettingServer,
  selfSignedCertificate,
  selfSignedTlsServer,
  shortBodyServer,
  throttlingServer,
  UNRESOLVABLE_BASE_URL,
} from "./servers";
import { runVerify, type VerifyRun } from "./runVerify";

// Each hostile target must end the run as failures (exit 1) or a clear exit 2,
// within the request timeout, with the three reports written, and without a crash
// or an unhandled rejection.

const TIMEOUT_MS = 500;
// A whole run (Pact worker included) against a target that answers everything wrong.
jest.setTimeout(30_000);
const ARGS = ["--token", "tok-hostile-4711", "--timeout-ms", String(TIMEOUT_MS), "--seed", "7", "--cases", "1"];

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => process.on("unhandledRejection", onUnhandled));
afterAll(() => process.off("unhandledRejection", onUnhandled));

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  expect(unhandled).toEqual([]);
});

function expectReports(run: VerifyRun, incomplete: boolean): Record<string, unknown> {
  expect(Object.keys(run.reports).sort()).toEqual(Object.values(REPORT_FILES).sort());
  const results = JSON.parse(run.reports["results.json"]!) as { incomplete?: string; summary: { incomplete: boolean } };
  expect(results.summary.incomplete).toBe(incomplete);
  return results;
}

async function expectUnusable(run: VerifyRun, reason: RegExp): Promise<void> {
  expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 2, stderr: expect.stringMatching(reason) });
  // One line of reason, never a stack trace.
  expect(run.stderr).not.toMatch(/\n\s+at /);
  const results = expectReports(run, true);
  expect(results.incomplete).toMatch(reason);
}

it("a server that hangs: exit 2, not reachable within the timeout", async () => {
  server = await hangingServer();
  const run = await runVerify(["--base-url", server.baseUrl, ...ARGS]);
  await expectUnusable(run, new RegExp(`not reachable: no complete response within ${TIMEOUT_MS} ms`));
});

it("a server that drips a byte a second: the timeout covers the whole body, exit 2", async () => {
  server = await drippingServer();
  const run = await runVerify(["--base-url", server.baseUrl, ...ARGS]);
  await expectUnusable(run, new RegExp(`not reachable: no complete response within ${TIMEOUT_MS} ms`));
});

it("a server that resets connections: exit 2 naming the reset", async () => {
  server = await resettingServer();
  const run = await runVerify(["--base-url", server.baseUrl, ...ARGS]);
  await expectUnusable(run, /not reachable: .*ECONNRESET/);
});

it("a server that answers 500 to everything: exit 2, its state URL cannot set up an entity", async () => {
  server = await failingServer();
  const run = await runVerify(["--base-url", server.baseUrl, ...ARGS]);
  await expectUnusable(run, /could not set up .*answered 500/);
});

it("a server that answers 200 with invalid JSON: conformance failures, exit 1", async () => {
  server = await invalidJsonServer();
  const run = await runVerify(["--base-url", server.baseUrl, ...ARGS]);
  expect(run.exitCode).toBe(1);
  const results = expectReports(run, false) as { checks: { status: string; message?: string }[] };
  expect(results.checks.length).toBeGreaterThan(0);
  expect(results.checks.every((check) => check.status === "failed")).toBe(true);
  expect(results.checks.some((check) => /JSON/i.test(check.message ?? ""))).toBe(true);
});

it("a server with a 50 MB body: each body is kept to 64 KiB as it arrives, read to the cap, failures, exit 1", async () => {
  server = await hugeBodyServer();
  const run = await runVerify(["--base-url", server.baseUrl, ...ARGS, "--only", "industryData.run.update", "--only", "E2"]);
  expect(run.exitCode).toBe(1);
  const results = expectReports(run, false) as { checks: { status: string; exchanges: { response?: { bodyTruncated?: boolean; body: string } }[] }[] };
  const bodies = results.checks.flatMap((check) => check.exchanges.flatMap((exchange) => (exchange.response ? [exchange.response] : [])));
  expect(bodies.length).toBeGreaterThan(0);
  expect(bodies.every((body) => body.bodyTruncated === true && Buffer.byteLength(body.body) <= KEPT_BODY_BYTES)).toBe(true);
  expect(results.checks.some((check) => /reading stopped there/.test((check as { message?: string }).message ?? ""))).toBe(true);
  // The server counts what it wrote over every request: each one was dropped near the 5 MB read cap, far from its 50 MB.
  expect(server.bytesSent).toBeLessThan((server.requests * FIFTY_MB) / 2);
}, 30_000);

it("a server whose Content-Length is longer than its body: exit 2 naming the cut response", async () => {
  server = await shortBodyServer();
  const run = await runVerify(["--base-url", server.baseUrl, ...ARGS]);
  await expectUnusable(run, /not reachable: the body ended after \d+ of the \d+ bytes its Content-Length announced/);
});

it("a redirect loop: redirects are answers, not followed; exit 2 as the state URL redirects", async () => {
  server = await redirectLoopServer();
  const run = await runVerify(["--base-url", server.baseUrl, ...ARGS]);
  await expectUnusable(run, /could not set up .*answered 307/);
  expect(server.requests).toBeLessThan(20);
});

it("429 with Retry-After: waited out, retried at most 3 times per request, each retry reported", async () => {
  server = await throttlingServer();
  const run = await runVerify(["--base-url", server.baseUrl, ...ARGS]);
  await expectUnusable(run, /could not set up .*answered 429/);
  expect(run.stderr).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/: 429 \(Retry-After: 0\); retry 1 of 3 after 0 ms/);
  expect(run.stderr).toMatch(/retry 3 of 3/);
  expect(run.stderr).not.toMatch(/retry 4 of/);
  // Every request is the first try and three retries.
  expect(server.requests % 4).toBe(0);
});

describe("a self-signed TLS certificate", () => {
  const certificate = selfSignedCertificate();

  it("is refused by default: exit 2 naming the certificate, no request gets through", async () => {
    server = await selfSignedTlsServer(certificate);
    const run = await runVerify(["--base-url", server.baseUrl, ...ARGS]);
    await expectUnusable(run, /not reachable: .*self[- ]signed certificate/i);
    expect(server.requests).toBe(0);
  });

  it("is accepted with --insecure: the requests reach the server", async () => {
    server = await selfSignedTlsServer(certificate);
    const run = await runVerify(["--base-url", server.baseUrl, ...ARGS, "--insecure"]);
    await expectUnusable(run, /could not set up .*answered 500/);
    expect(server.requests).toBeGreaterThan(1);
  });
});

describe("an unresolvable host", () => {
  it("is not loopback: without --allow-writes the run refuses before sending, listing the writes", async () => {
    const run = await runVerify(["--base-url", UNRESOLVABLE_BASE_URL, ...ARGS]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^graph-conformance: refusing to write to does-not-exist\.invalid, which is not loopback/);
    // A refused run is a usage error: nothing sent, nothing reported.
    expect(run.reports).toEqual({});
    expect(run.stderr).toContain(`PATCH ${UNRESOLVABLE_BASE_URL}/process/runs/{id}  — industryData.run.update\n`);
    expect(run.stderr).toContain(`POST ${UNRESOLVABLE_BASE_URL}/_pact/provider-states`);
  });

  it("with --allow-writes: exit 2 naming the failed lookup", async () => {
    const run = await runVerify(["--base-url", UNRESOLVABLE_BASE_URL, ...ARGS, "--allow-writes"]);
    await expectUnusable(run, /not reachable: .*ENOTFOUND/);
  });
});
