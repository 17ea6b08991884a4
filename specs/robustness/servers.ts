import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Hostile targets on loopback, one misbehaviour each, for the robustness specs.
 * Each listens on 127.0.0.1 port 0, counts what reached it (so a spec can tell
 * "nothing was sent" from "the runner gave up"), and closes every connection it
 * holds when the spec is done.
 */
export interface HostileServer {
  baseUrl: string;
  /** HTTP requests (or, for raw-socket servers, connections that sent data) that reached the server. */
  readonly requests: number;
  /** Body bytes the server managed to write (the 50 MB server). */
  readonly bytesSent: number;
  /** When each HTTP request arrived (performance.now()), to see a rate limit from the target's side. */
  readonly arrivals: readonly number[];
  close(): Promise<void>;
}

export const FIFTY_MB = 50 * 1024 * 1024;

/** RFC 6761 reserves `.invalid`: it never resolves, on any resolver. */
export const UNRESOLVABLE_BASE_URL = "http://does-not-exist.invalid";

/** What the scripting server puts in every string it answers with. */
export const HOSTILE_MARKUP = `<script>alert(1)</script><img src=x onerror="alert(2)"><b>bold</b> & "quoted" 'single'`;

type Counters = { requests: number; bytesSent: number; arrivals: number[] };

async function listening(server: net.Server, counters: Counters, scheme = "http"): Promise<HostileServer> {
  const sockets = new Set<net.Socket>();
  server.on("connection", (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  // A TLS server hands over its TLS sockets on secureConnection; the raw ones above cover the handshake.
  server.on("secureConnection", (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    baseUrl: `${scheme}://127.0.0.1:${port}`,
    get requests() {
      return counters.requests;
    },
    get bytesSent() {
      return counters.bytesSent;
    },
    get arrivals() {
      return counters.arrivals;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function httpServer(handle: (request: http.IncomingMessage, response: http.ServerResponse, counters: Counters) => void): Promise<HostileServer> {
  const counters: Counters = { requests: 0, bytesSent: 0, arrivals: [] };
  const server = http.createServer((request, response) => {
    counters.requests += 1;
    counters.arrivals.push(performance.now());
    // Read the request to its end so the client is never blocked on sending it.
    request.resume();
    handle(request, response, counters);
  });
  return listening(server, counters);
}

function rawServer(onFirstData: (socket: net.Socket) => void): Promise<HostileServer> {
  const counters: Counters = { requests: 0, bytesSent: 0, arrivals: [] };
  const server = net.createServer((socket) => {
    socket.on("error", () => undefined);
    socket.once("data", () => {
      counters.requests += 1;
      onFirstData(socket);
    });
  });
  return listening(server, counters);
}

function graphError(code: string, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

/** rules.md §5's state URL path; the servers that accept state changes let a run get as far as its checks. */
const STATE_PATH = "/_pact/provider-states";

function acceptStateChange(request: http.IncomingMessage, response: http.ServerResponse): boolean {
  if (request.method !== "POST" || !(request.url ?? "").startsWith(STATE_PATH)) return false;
  response.writeHead(200, { "content-type": "application/json" }).end("{}");
  return true;
}

/** Accepts the request and never answers. */
export function hangingServer(): Promise<HostileServer> {
  return httpServer(() => undefined);
}

/** Answers 200 at once, then sends the body one byte a second, forever. */
export function drippingServer(): Promise<HostileServer> {
  return httpServer((_request, response, counters) => {
    response.writeHead(200, { "content-type": "application/json" });
    const body = `{"id":"${"x".repeat(10_000)}"}`;
    let next = 0;
    const drip = setInterval(() => {
      response.write(body[next % body.length]);
      counters.bytesSent += 1;
      next += 1;
    }, 1000);
    response.write(body[next++]);
    response.on("close", () => clearInterval(drip));
  });
}

/** Resets (TCP RST) every connection as soon as the request arrives. */
export function resettingServer(): Promise<HostileServer> {
  return rawServer((socket) => socket.resetAndDestroy());
}

/** Answers every request 500 with a Graph error body. */
export function failingServer(): Promise<HostileServer> {
  return httpServer((_request, response) => {
    response.writeHead(500, { "content-type": "application/json" }).end(graphError("internalServerError", "this server fails every request"));
  });
}

/** Answers 200 with `Content-Type: application/json` and a body that is not JSON. */
export function invalidJsonServer(): Promise<HostileServer> {
  return httpServer((_request, response) => {
    response.writeHead(200, { "content-type": "application/json" }).end(`{"id": "run-1", "displayName": "cut here`);
  });
}

/** Answers 200 with a JSON body of `size` bytes (50 MB), written as fast as the client takes it. */
export function hugeBodyServer(size: number = FIFTY_MB): Promise<HostileServer> {
  return httpServer((_request, response, counters) => {
    const chunk = Buffer.alloc(1024 * 1024, "a");
    const head = Buffer.from(`{"id":"big","padding":"`);
    const tail = Buffer.from(`"}`);
    const padding = size - head.length - tail.length;
    response.writeHead(200, { "content-type": "application/json", "content-length": String(size) });
    response.write(head);
    let written = 0;
    const pump = (): void => {
      while (written < padding && !response.destroyed) {
        const piece = chunk.subarray(0, Math.min(chunk.length, padding - written));
        written += piece.length;
        counters.bytesSent += piece.length;
        if (!response.write(piece)) {
          response.once("drain", pump);
          return;
        }
      }
      if (!response.destroyed) response.end(tail);
    };
    response.on("error", () => undefined);
    pump();
  });
}

/** Promises a 1000-byte body, sends 40 bytes and closes the connection. */
export function shortBodyServer(): Promise<HostileServer> {
  return rawServer((socket) => {
    const body = `{"error":{"code":"x","message":"short"}}`;
    socket.end(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n${body}`);
  });
}

/** Redirects every request back and forth between two paths, forever (307 keeps the method and body). */
export function redirectLoopServer(): Promise<HostileServer> {
  return httpServer((request, response) => {
    const url = request.url ?? "/";
    const next = url.startsWith("/loop-a") ? "/loop-b" : "/loop-a";
    response.writeHead(307, { location: next, "content-type": "application/json" }).end(graphError("redirect", `go to ${next}`));
  });
}

/** Accepts state changes; answers every other request after `delayMs` with an empty JSON object, so a run is long and always failing. */
export function slowServer(delayMs: number): Promise<HostileServer> {
  return httpServer((request, response) => {
    if (acceptStateChange(request, response)) return;
    const timer = setTimeout(() => response.writeHead(200, { "content-type": "application/json" }).end("{}"), delayMs);
    response.on("close", () => clearTimeout(timer));
  });
}

export interface StateCall {
  state: string;
  action: string;
  id: string;
  status: number;
}

/**
 * A state URL that fails one state at once and sets up the others slowly, as a
 * partly broken staging harness would; every state call is recorded.
 */
export function partialStateServer(failingState: string, setupDelayMs: number): Promise<HostileServer & { stateCalls: StateCall[] }> {
  const stateCalls: StateCall[] = [];
  const started = httpServer((request, response) => {
    if (!(request.url ?? "").startsWith(STATE_PATH)) {
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
      return;
    }
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      const call = JSON.parse(body) as { state: string; action: string; params: { id: string } };
      const status = call.state === failingState ? 500 : 200;
      const answer = () => {
        stateCalls.push({ state: call.state, action: call.action, id: call.params.id, status });
        response.writeHead(status, { "content-type": "application/json" }).end("{}");
      };
      if (status === 200 && call.action === "setup") setTimeout(answer, setupDelayMs);
      else answer();
    });
  });
  return started.then((server) => Object.assign(server, { stateCalls }));
}

/** Answers every request 429 with `Retry-After: 0`, so a runner's bounded retries show in the request count. */
export function throttlingServer(): Promise<HostileServer> {
  return httpServer((_request, response) => {
    response.writeHead(429, { "content-type": "application/json", "retry-after": "0" }).end(graphError("tooManyRequests", "slow down"));
  });
}

/** Accepts state changes; answers every other request 400 with markup and script in its error body, a header and the reflected path. */
export function scriptingServer(): Promise<HostileServer> {
  return httpServer((request, response) => {
    if (acceptStateChange(request, response)) return;
    response
      .writeHead(400, { "content-type": "application/json", "x-hostile": HOSTILE_MARKUP.replace(/"/g, "'") })
      .end(JSON.stringify({ error: { code: HOSTILE_MARKUP, message: `${HOSTILE_MARKUP} at ${request.url ?? ""}`, innerError: { html: `</pre></td></tr></table>${HOSTILE_MARKUP}` } } }));
  });
}

/** Accepts state changes; reflects every other request's headers (Authorization included) into its answer's body and headers, as a careless server might. */
export function reflectingServer(): Promise<HostileServer> {
  return httpServer((request, response) => {
    if (acceptStateChange(request, response)) return;
    const authorization = request.headers.authorization ?? "";
    response
      .writeHead(400, { "content-type": "application/json", "x-echo-authorization": authorization, "www-authenticate": `Bearer error="invalid_token", token="${authorization}"` })
      .end(JSON.stringify({ error: { code: "badRequest", message: `you sent Authorization: ${authorization}`, innerError: { headers: request.headers } } }));
  });
}

export interface SelfSignedCertificate {
  key: Buffer;
  cert: Buffer;
}

/** A fresh self-signed certificate for 127.0.0.1 and localhost, made with the openssl CLI at test time. */
export function selfSignedCertificate(): SelfSignedCertificate {
  const dir = mkdtempSync(join(tmpdir(), "graph-conformance-tls-"));
  try {
    execFileSync(
      "openssl",
      [
        "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
        "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
        "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    return { key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** HTTPS with a certificate no client trusts; past the handshake it answers 500, so a spec sees whether requests got through. */
export function selfSignedTlsServer(certificate: SelfSignedCertificate = selfSignedCertificate()): Promise<HostileServer> {
  const counters: Counters = { requests: 0, bytesSent: 0, arrivals: [] };
  const server = https.createServer(certificate, (request, response) => {
    counters.requests += 1;
    request.resume();
    response.writeHead(500, { "content-type": "application/json" }).end(graphError("internalServerError", "reached through TLS"));
  });
  server.on("tlsClientError", () => undefined);
  return listening(server, counters, "https");
}
