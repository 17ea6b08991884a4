import { Command } from "commander";
import { DEFAULT_MAX_RUN_MS, DEFAULT_REQUEST_TIMEOUT_MS } from "../../src/safety/limits";
import { addSafetyOptions, safetyOptionsFrom } from "../../src/safety/options";

function parse(...args: string[]) {
  const command = addSafetyOptions(new Command("verify").exitOverride().configureOutput({ writeErr: () => undefined }));
  command.parse(args, { from: "user" });
  return safetyOptionsFrom(command.opts());
}

describe("safety options", () => {
  it("defaults to no writes off loopback, no rate limit, 10 s per request and the run bound", () => {
    expect(parse()).toEqual({ allowWrites: false, timeoutMs: DEFAULT_REQUEST_TIMEOUT_MS, maxRunMs: DEFAULT_MAX_RUN_MS, insecure: false });
    expect(DEFAULT_REQUEST_TIMEOUT_MS).toBe(10_000);
  });

  it("reads every option", () => {
    expect(parse("--allow-writes", "--rate", "0.5", "--max-failures", "3", "--timeout-ms", "500", "--max-run-ms", "60000", "--insecure")).toEqual({
      allowWrites: true,
      rate: 0.5,
      maxFailures: 3,
      timeoutMs: 500,
      maxRunMs: 60000,
      insecure: true,
    });
  });

  it.each([
    ["--rate", "0"],
    ["--rate", "fast"],
    ["--max-failures", "1.5"],
    ["--timeout-ms", "-1"],
    ["--max-run-ms", ""],
  ])("rejects %s %j as a usage error", (option, value) => {
    expect(() => parse(option, value)).toThrow(expect.objectContaining({ code: "commander.invalidArgument" }));
  });
});
