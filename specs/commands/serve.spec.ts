import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { Writable } from "node:stream";
import { main } from "../../src/cli";

const BIN = path.resolve(__dirname, "../../bin/graph-conformance.js");

interface Served {
  child: ChildProcessWithoutNullStreams;
  baseUrl: string;
  stateUrl: string;
  output: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns `serve` and resolves once it has printed its two URLs. */
function serve(...args: string[]): Promise<Served> {
  const child = spawn(process.execPath, [BIN, "serve", "--port", "0", ...args], { stdio: "pipe" });
  let output = "";
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URLs within 15 s:\n${output}`)), 15_000);
    const collect = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const base = /^Reference provider: (\S+)$/m.exec(output);
      const state = /^Provider states: +(\S+)$/m.exec(output);
      if (base && state) {
        clearTimeout(timer);
        resolve({ child, baseUrl: base[1]!, stateUrl: state[1]!, output: () => output, exit });
      }
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    void exit.then(() => reject(new Error(`serve exited early:\n${output}`)));
  });
}

async function runInProcess(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        append(String(chunk));
        done();
      },
    });
  const code = await main(["node", "graph-conformance", "serve", ...args], {
    stdout: sink((text) => (stdout += text)),
    stderr: sink((text) => (stderr += text)),
  });
  return { code, stdout, stderr };
}

describe("graph-conformance serve", () => {
  jest.setTimeout(30_000);

  it.each([["SIGINT"], ["SIGTERM"]] as const)("prints its URLs, serves the operations and states on loopback, and exits 0 on %s", async (signal) => {
    const served = await serve("--prefix", "/beta");
    expect(served.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/beta$/);
    expect(served.stateUrl).toBe(`${served.baseUrl}/_pact/provider-states`);

    const setup = await fetch(served.stateUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ state: "an industryData outgoingFlowRun exists", params: { id: "served-1" }, action: "setup" }),
    });
    expect(setup.status).toBe(200);
    const update = await fetch(`${served.baseUrl}/industryData/outgoingFlowRuns/served-1`, {
      method: "PATCH",
      headers: { authorization: "Bearer any", "content-type": "application/json" },
      body: JSON.stringify({ status: "completed" }),
    });
    expect(update.status).toBe(200);
    expect(await update.json()).toMatchObject({ id: "served-1", status: "completed", "@odata.type": "#microsoft.graph.industryData.outgoingFlowRun" });
    const unauthenticated = await fetch(`${served.baseUrl}/industryData/outgoingFlowRuns/served-1`, { method: "PATCH", body: "{}" });
    expect(unauthenticated.status).toBe(401);

    served.child.kill(signal);
    expect(await served.exit).toEqual({ code: 0, signal: null });
    expect(served.output()).toContain(`Stopped (${signal}).`);
  });

  it("with --token accepts only that token and never prints it", async () => {
    const token = "very-secret-token-4711";
    const served = await serve("--token", token);
    const send = (authorization: string) =>
      fetch(`${served.baseUrl}/industryData/runGroups`, {
        method: "POST",
        headers: { authorization, "content-type": "application/json" },
        body: JSON.stringify({ displayName: "x", startDateTime: "2026-01-01T00:00:00Z", status: "running", statistics: {} }),
      });
    expect((await send(`Bearer ${token}`)).status).toBe(201);
    expect((await send("Bearer another")).status).toBe(401);
    served.child.kill("SIGINT");
    expect((await served.exit).code).toBe(0);
    expect(served.output()).not.toContain(token);
  });

  it.each([
    [["--port", "http"], /--port must be an integer from 0 to 65535/],
    [["--port", "65536"], /--port must be an integer/],
    [["--port", "-1"], /--port must be an integer/],
    [["--prefix", "beta"], /--prefix: the prefix must start with "\/"/],
    [["--token", ""], /--token must not be empty/],
    [["--host", ""], /--host must not be empty/],
    [["--host", "192.0.2.1"], /192\.0\.2\.1 is not an address of this machine/],
  ])("%j: exit 2 with the reason", async (args, reason) => {
    const result = await runInProcess(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(reason);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stdout).toBe("");
  });

  it("a port in use: exit 2 saying so", async () => {
    const occupied = net.createServer();
    await new Promise<void>((resolve) => occupied.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = occupied.address() as net.AddressInfo;
      const result = await runInProcess("--port", String(port));
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      await new Promise((resolve) => occupied.close(resolve));
    }
  });
});
