import packageJson from "../package.json";
import { runInProcess } from "./docs/cliHarness";

describe("graph-conformance", () => {
  it("--version prints the package version, exit 0", async () => {
    expect(await runInProcess(["--version"])).toEqual({ status: 0, stdout: `${packageJson.version}\n`, stderr: "" });
  });

  it("--help lists verify, the main job, first", async () => {
    const { status, stdout } = await runInProcess(["--help"]);
    expect(status).toBe(0);
    const commands = stdout.split("Commands:\n")[1].split("\n").map((line) => line.trim().split(" ")[0]).filter(Boolean);
    expect(commands).toEqual(["verify", "serve", "lint-docs", "validate", "openapi", "compare", "contracts", "publish", "can-i-deploy", "help"]);
  });

  it("an unknown command: exit 2, one line", async () => {
    const { status, stderr } = await runInProcess(["frobnicate"]);
    expect(status).toBe(2);
    expect(stderr.trimEnd().split("\n")).toEqual([expect.stringMatching(/^graph-conformance: unknown command 'frobnicate'/)]);
  });
});
