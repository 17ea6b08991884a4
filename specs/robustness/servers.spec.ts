import https from "node:https";
import {
  drippingServer,
  failingServer,
  FIFTY_MB,
  hangingServer,
  type HostileServer,
  hugeBodyServer,
  invalidJsonServer,
  redirectLoopServer,
  reflectingServer,
  resettingServer,
  scriptingServer,
  HOSTILE_MARKUP,
  selfSignedCertificate,
  selfSignedTlsServer,
  shortBodyServer,
  throttlingServer,
  UNRESOLVABLE_BASE_URL,
} from "./servers";

// The hostile servers are test equipment: this spec shows each misbehaves as its name says,
// with a plain client, so a robustness spec that passes against one proves something.

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function patch(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { method: "PATCH", headers: { "content-type": "application/json" }, body: "{}", ...init });
}

function causeCode(error: unknown): string | undefined {
  return ((error as { cause?: { code?: string } }).cause ?? {}).code;
}

it("hanging server: never answers", async () => {
  server = await hangingServer();
  await expect(patch(`${server.baseUrl}/process/runs/1`, { signal: AbortSignal.timeout(300) })).rejects.toThrow(expect.objectContaining({ name: "TimeoutError" }));
  expect(server.requests).toBe(1);
});

it("dripping server: headers at once, then one body byte a second", async () => {
  server = await drippingServer();
  const response = await patch(`${server.baseUrl}/process/runs/1`, { signal: AbortSignal.timeout(1500) });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  let received = 0;
  const readAll = async (): Promise<never> => {
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) throw new Error("the dripping body ended");
      received += chunk.value.length;
    }
  };
  await expect(readAll()).rejects.toThrow(expect.objectContaining({ name: "TimeoutError" }));
  expect(received).toBeGreaterThanOrEqual(1);
  expect(received).toBeLessThanOrEqual(3);
});

it("resetting server: the connection is reset", async () => {
  server = await resettingServer();
  const error = await patch(`${server.baseUrl}/process/runs/1`).catch((caught: unknown) => caught);
  expect(causeCode(error)).toBe("ECONNRESET");
});

it("failing server: 500 to everything", async () => {
  server = await failingServer();
  for (const method of ["GET", "POST", "PATCH"]) expect((await fetch(`${server.baseUrl}/x`, { method })).status).toBe(500);
});

it("invalid JSON server: 200, application/json, a body that does not parse", async () => {
  server = await invalidJsonServer();
  const response = await patch(`${server.baseUrl}/process/runs/1`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/json");
  await expect(response.json()).rejects.toThrow(/JSON/);
});

it("huge body server: announces and starts a 50 MB body", async () => {
  server = await hugeBodyServer();
  const controller = new AbortController();
  const response = await patch(`${server.baseUrl}/process/runs/1`, { signal: controller.signal });
  expect(response.headers.get("content-length")).toBe(String(FIFTY_MB));
  const first = await response.body!.getReader().read();
  expect(first.value?.length).toBeGreaterThan(0);
  controller.abort();
});

it("short body server: Content-Length promises more than arrives", async () => {
  server = await shortBodyServer();
  const response = await patch(`${server.baseUrl}/process/runs/1`);
  expect(response.headers.get("content-length")).toBe("1000");
  await expect(response.text()).rejects.toThrow();
});

it("redirect loop server: a client that follows redirects never arrives", async () => {
  server = await redirectLoopServer();
  await expect(patch(`${server.baseUrl}/process/runs/1`)).rejects.toThrow();
  expect(server.requests).toBeGreaterThan(10);
  const first = await patch(`${server.baseUrl}/loop-a`, { redirect: "manual" });
  expect([first.status, first.headers.get("location")]).toEqual([307, "/loop-b"]);
});

it("throttling server: 429 with Retry-After: 0 to everything", async () => {
  server = await throttlingServer();
  const response = await patch(`${server.baseUrl}/process/runs/1`);
  expect([response.status, response.headers.get("retry-after")]).toEqual([429, "0"]);
});

it("scripting server: markup and script in the error body and a header", async () => {
  server = await scriptingServer();
  const response = await patch(`${server.baseUrl}/process/runs/1`);
  expect(response.headers.get("x-hostile")).toContain("<script>");
  expect(await response.text()).toContain(JSON.stringify(HOSTILE_MARKUP).slice(1, -1));
});

it("reflecting server: echoes the Authorization header into its answer", async () => {
  server = await reflectingServer();
  const response = await patch(`${server.baseUrl}/x`, { headers: { authorization: "Bearer tok-ECHO" } });
  expect(response.headers.get("x-echo-authorization")).toBe("Bearer tok-ECHO");
  expect(await response.text()).toContain("tok-ECHO");
});

describe("self-signed TLS server", () => {
  const certificate = selfSignedCertificate();

  it("fails verification by default and sends no request through", async () => {
    server = await selfSignedTlsServer(certificate);
    const error = await patch(`${server.baseUrl}/x`).catch((caught: unknown) => caught);
    expect(causeCode(error)).toMatch(/SELF_SIGNED|DEPTH_ZERO/);
    expect(server.requests).toBe(0);
  });

  it("answers a client that does not verify", async () => {
    server = await selfSignedTlsServer(certificate);
    const status = await new Promise<number | undefined>((resolve, reject) => {
      https.get(`${server!.baseUrl}/x`, { rejectUnauthorized: false }, (response) => resolve(response.resume().statusCode)).on("error", reject);
    });
    expect(status).toBe(500);
    expect(server.requests).toBe(1);
  });
});

it("the unresolvable host does not resolve", async () => {
  const error = await fetch(UNRESOLVABLE_BASE_URL).catch((caught: unknown) => caught);
  expect(causeCode(error)).toBe("ENOTFOUND");
});
