import { UsageError } from "../../src/exitCodes";
import { operations } from "../../src/catalog";
import { assertWritesAllowed, isLoopbackHost, joinBaseUrl, plannedWrites } from "../../src/safety/writeGuard";

const manifestOperations = operations().map(({ id, method, path, providerState }) => ({ id, method, path, ...(providerState ? { providerState } : {}) }));

function refusal(input: Parameters<typeof assertWritesAllowed>[0]): UsageError {
  try {
    assertWritesAllowed(input);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error("expected the write guard to refuse");
}

describe("isLoopbackHost", () => {
  it.each(["127.0.0.1", "127.5.6.7", "localhost", "LOCALHOST", "localhost.", "[::1]"])("%s is loopback", (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(["graph.microsoft.com", "10.0.0.1", "128.0.0.1", "127.0.0.1.example.com", "localhost.example.com", "[::2]", "0.0.0.0", "[::ffff:7f00:1]"])(
    "%s is not loopback",
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
    },
  );

  it("reads hosts as the URL parser canonicalises them (127.1, hex)", () => {
    expect(isLoopbackHost(new URL("http://127.1:8080/").hostname)).toBe(true);
    expect(isLoopbackHost(new URL("http://0x7f.0.0.1/").hostname)).toBe(true);
    expect(isLoopbackHost(new URL("http://[0:0:0:0:0:0:0:1]/").hostname)).toBe(true);
  });
});

describe("joinBaseUrl", () => {
  it("keeps a base URL's path prefix and avoids double slashes", () => {
    expect(joinBaseUrl("https://host.example/beta/", "/process/runs/1")).toBe("https://host.example/beta/process/runs/1");
    expect(joinBaseUrl("https://host.example", "/process/runs/1")).toBe("https://host.example/process/runs/1");
  });
});

describe("assertWritesAllowed", () => {
  it("lets a loopback run start without --allow-writes", () => {
    expect(() =>
      assertWritesAllowed({ baseUrl: "http://127.0.0.1:4010", stateUrl: "http://localhost:4010/_pact/provider-states", allowWrites: false, operations: manifestOperations }),
    ).not.toThrow();
  });

  it("lets a remote run start with --allow-writes", () => {
    expect(() => assertWritesAllowed({ baseUrl: "https://graph.example/beta", allowWrites: true, operations: manifestOperations })).not.toThrow();
  });

  it("refuses a remote run without --allow-writes, exit 2, listing every write with method and full URL", () => {
    const error = refusal({
      baseUrl: "https://staging.example/beta",
      stateUrl: "https://staging.example/_pact/provider-states",
      allowWrites: false,
      operations: manifestOperations,
    });
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/^refusing to write to staging\.example,.*--allow-writes/);
    for (const operation of operations()) {
      expect(error.message.split("\n")).toContain(`  ${operation.method} ${joinBaseUrl("https://staging.example/beta", operation.path)}  — ${operation.id}`);
    }
    for (const operation of operations().filter((candidate) => candidate.providerState)) {
      expect(error.message).toContain(`POST https://staging.example/_pact/provider-states  — provider-state setup, later teardown, of "${operation.providerState}"`);
    }
  });

  it("refuses when only the state URL is remote: state setup writes too", () => {
    const error = refusal({ baseUrl: "http://127.0.0.1:1", stateUrl: "https://states.example/setup", allowWrites: false, operations: manifestOperations });
    expect(error.message).toContain("refusing to write to states.example");
  });

  it("lists only the operation writes when entities come from --fixture (no state URL)", () => {
    const writes = plannedWrites({ baseUrl: "https://staging.example", operations: manifestOperations });
    expect(writes.map((write) => write.method)).toEqual(operations().map((operation) => operation.method));
  });

  it("rejects a base URL that is not an absolute http(s) URL with exit 2", () => {
    expect(refusal({ baseUrl: "staging.example", allowWrites: false, operations: manifestOperations }).message).toContain("--base-url");
    expect(refusal({ baseUrl: "ftp://staging.example", allowWrites: true, operations: manifestOperations }).message).toContain("not an http or https URL");
  });
});
