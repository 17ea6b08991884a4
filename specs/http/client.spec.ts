import http from "node:http";
import type { AddressInfo } from "node:net";
import { createHttpClient } from "../../src/http/client";
import { maskSecrets, MIN_MASKED_SECRET_LENGTH } from "../../src/http/redact";
import { RunControl } from "../../src/safety/runControl";

const TOKEN = "spec-token-4711-secret";

let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      if (request.url === "/echo") {
        response.setHeader("content-type", "application/json");
        response.setHeader("x-seen-authorization", request.headers.authorization ?? "");
        response.end(JSON.stringify({ method: request.method, body, authorization: request.headers.authorization }));
      } else if (request.url === "/redirect") {
        response.writeHead(302, { location: "/echo" }).end();
      } else if (request.url === "/big") {
        response.end("x".repeat(4096));
      } else if (request.url === "/two-content-types") {
        response.setHeader("content-type", ["application/json", "text/html"]);
        response.end("{}");
      } else if (request.url === "/hang") {
        response.writeHead(200).write("partial");
      } else {
        response.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("createHttpClient", () => {
  it("sends the request and records it with the Authorization value redacted, and masks the token where the server echoes it", async () => {
    const client = createHttpClient({ timeoutMs: 2000 });
    const exchange = await client.send({
      method: "PATCH",
      url: `${baseUrl}/echo`,
      headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
      body: '{"displayName":"Zürich"}',
    });
    expect(exchange.error).toBeUndefined();
    expect(exchange.request).toEqual({
      method: "PATCH",
      url: `${baseUrl}/echo`,
      headers: { authorization: "Bearer ***", "content-type": "application/json", "client-request-id": expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/) },
      body: '{"displayName":"Zürich"}',
    });
    expect(exchange.response?.status).toBe(200);
    const echoed = JSON.parse(exchange.response!.body);
    expect(echoed.body).toBe('{"displayName":"Zürich"}');
    expect(echoed.authorization).toBe("Bearer ***");
    expect(exchange.response!.headers["x-seen-authorization"]).toBe("Bearer ***");
    expect(JSON.stringify(exchange)).not.toContain(TOKEN);
  });

  it("does not follow a redirect: the redirect is the response", async () => {
    const exchange = await createHttpClient().send({ method: "GET", url: `${baseUrl}/redirect` });
    expect(exchange.response?.status).toBe(302);
    expect(exchange.response?.headers.location).toBe("/echo");
  });

  it("gives every request a client-request-id of its own, unless the caller set one", async () => {
    const client = createHttpClient({ timeoutMs: 2000 });
    const ids = await Promise.all([1, 2, 3].map(async () => (await client.send({ method: "GET", url: `${baseUrl}/echo` })).request.headers["client-request-id"]));
    expect(new Set(ids).size).toBe(3);
    const given = await client.send({ method: "GET", url: `${baseUrl}/echo`, headers: { "client-request-id": "mine-1" } });
    expect(given.request.headers["client-request-id"]).toBe("mine-1");
  });

  it("cuts a body larger than the cap, marks it and reports the cut as an error", async () => {
    const exchange = await createHttpClient({ maxResponseBytes: 1000 }).send({ method: "GET", url: `${baseUrl}/big` });
    expect(exchange.response?.body).toHaveLength(1000);
    expect(exchange.response?.bodyTruncated).toBe(true);
    expect(exchange.error).toMatch(/larger than 1000 bytes/);
  });

  it("records every copy of a repeated header, so a second Content-Type reaches the checks", async () => {
    const exchange = await createHttpClient().send({ method: "GET", url: `${baseUrl}/two-content-types` });
    expect(exchange.response?.headers["content-type"]).toBe("application/json, text/html");
  });

  it("turns a timeout into an exchange error instead of throwing", async () => {
    const exchange = await createHttpClient({ timeoutMs: 200 }).send({ method: "GET", url: `${baseUrl}/hang` });
    expect(exchange.response).toBeUndefined();
    expect(exchange.error).toBe("no complete response within 200 ms");
  });

  it("ends a request in flight when the run stops, and says so", async () => {
    const control = new RunControl();
    const pending = createHttpClient({ timeoutMs: 60_000, signal: control.signal }).send({ method: "GET", url: `${baseUrl}/hang` });
    setTimeout(() => control.stop("interrupted (SIGINT)"), 50);
    const exchange = await pending;
    expect(exchange.response).toBeUndefined();
    expect(exchange.error).toBe("not finished: the run stopped (interrupted (SIGINT))");
    control.dispose();
  });

  it("turns a refused connection into an exchange error", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const exchange = await createHttpClient().send({ method: "GET", url: `http://127.0.0.1:${port}/` });
    expect(exchange.response).toBeUndefined();
    expect(exchange.error).toMatch(/ECONNREFUSED/);
  });
});

describe("maskSecrets", () => {
  it(`masks every echo of a secret of ${MIN_MASKED_SECRET_LENGTH} or more characters, and leaves shorter ones to the Authorization redaction`, () => {
    expect(maskSecrets("got tok-12345678 twice: tok-12345678", ["tok-12345678"])).toBe("got *** twice: ***");
    expect(maskSecrets("a contest of tests", ["test"])).toBe("a contest of tests");
  });
});
