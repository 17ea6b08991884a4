import { spawnSync } from "node:child_process";
import path from "node:path";

describe("types generated from the schemas", () => {
  it("are up to date (run `npm run schema-types` after changing schemas/)", () => {
    const root = path.resolve(__dirname, "../..");
    const result = spawnSync(process.execPath, ["-r", "esbuild-register", "scripts/generate-schema-types.ts", "--check"], { cwd: root, encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });
});
