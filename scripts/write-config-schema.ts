/** `npm run config-schema [-- --check]`: writes graph-conformance.config.schema.json from the commands' options (--check: exit 1 when the committed copy differs). */
import fs from "node:fs";
import { PassThrough } from "node:stream";
import { buildProgram } from "../src/cli";
import { CONFIG_SCHEMA_FILE } from "../src/commands/configFile";
import { renderConfigSchema } from "../src/commands/configSchema";

const quiet = new PassThrough();
const text = renderConfigSchema(buildProgram({ stdout: quiet, stderr: quiet, stdin: quiet, env: {}, cwd: process.cwd(), setExitCode: () => undefined }));
if (process.argv.includes("--check")) {
  const committed = fs.existsSync(CONFIG_SCHEMA_FILE) ? fs.readFileSync(CONFIG_SCHEMA_FILE, "utf8") : "";
  if (committed !== text) {
    process.stderr.write(`${CONFIG_SCHEMA_FILE} is stale: run npm run config-schema\n`);
    process.exitCode = 1;
  }
} else {
  fs.writeFileSync(CONFIG_SCHEMA_FILE, text);
  process.stdout.write(`wrote ${CONFIG_SCHEMA_FILE}\n`);
}
