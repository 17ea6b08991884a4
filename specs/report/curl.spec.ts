import { execFileSync } from "node:child_process";
import { curlCommand, shellQuote } from "../../src/report/curl";
import type { RecordedRequest } from "../../src/results/model";

/** The argv a POSIX shell would give curl for a command line. */
function shellWords(command: string): string[] {
  expect(command.startsWith("curl ")).toBe(true);
  const output = execFileSync("/bin/sh", ["-c", `printf '%s\\0' ${command.slice("curl ".length)}`], { encoding: "utf8" });
  return output.split("\0").slice(0, -1);
}

describe("curl replay line", () => {
  it("replays method, URL, headers and body exactly, with the token replaced by Bearer ***", () => {
    const body = `{"displayName":"O'Brien $HOME \`id\` \\"q\\" Zürich ✓ 東京","note":"line1\\nline2"}`;
    const request: RecordedRequest = {
      method: "PATCH",
      url: "http://127.0.0.1:4010/process/runs/r-1?x=1&y=$(id)",
      headers: { "content-type": "application/json", authorization: "Bearer real-token-value", "content-length": "99", host: "127.0.0.1:4010", "x-empty": "" },
      body,
    };
    const command = curlCommand(request);
    expect(command).not.toContain("real-token-value");
    expect(shellWords(command)).toEqual([
      "-X",
      "PATCH",
      "http://127.0.0.1:4010/process/runs/r-1?x=1&y=$(id)",
      "-H",
      "content-type: application/json",
      "-H",
      "authorization: Bearer ***",
      "-H",
      "x-empty;",
      "--data-raw",
      body,
    ]);
  });

  it("sends no Authorization header when the request had none (rule E1)", () => {
    const command = curlCommand({ method: "PATCH", url: "http://127.0.0.1:1/workflowBase/runs/w", headers: { "content-type": "application/json" }, body: "{}" });
    expect(command.toLowerCase()).not.toContain("authorization");
    expect(shellWords(command)).toEqual(["-X", "PATCH", "http://127.0.0.1:1/workflowBase/runs/w", "-H", "content-type: application/json", "--data-raw", "{}"]);
  });

  it("turns curl's URL globbing off when the URL has brackets or braces", () => {
    expect(shellWords(curlCommand({ method: "PATCH", url: "http://h/runs/%7Ba%7D[1]", headers: {} }))).toEqual(["--globoff", "-X", "PATCH", "http://h/runs/%7Ba%7D[1]"]);
  });

  it("quotes any text so the shell gives it back unchanged", () => {
    for (const text of ["", "'", "''", "a'b'c", "$(rm -rf /) `x` \\ \" ! *"]) {
      const output = execFileSync("/bin/sh", ["-c", `printf '%s' ${shellQuote(text)}`], { encoding: "utf8" });
      expect(output).toBe(text);
    }
  });
});
