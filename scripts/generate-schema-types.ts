/**
 * Writes src/schemas/types.generated.ts from schemas/, so the TypeScript types of
 * entities and enums are derived from the schemas rather than written twice.
 * `npm run schema-types` regenerates it; with `--check` it only reports (exit 1) a
 * stale file. It runs as its own process because the formatter it uses loads
 * modules dynamically, which Jest's module system does not allow.
 */
import fs from "node:fs";
import path from "node:path";
import { renderSchemaTypes, SCHEMA_TYPES_FILE } from "../src/schemas/generateTypes";

async function run(check: boolean): Promise<number> {
  const source = await renderSchemaTypes();
  const relative = path.relative(process.cwd(), SCHEMA_TYPES_FILE);
  if (!check) {
    fs.writeFileSync(SCHEMA_TYPES_FILE, source);
    process.stdout.write(`wrote ${relative}\n`);
    return 0;
  }
  const current = fs.existsSync(SCHEMA_TYPES_FILE) ? fs.readFileSync(SCHEMA_TYPES_FILE, "utf8") : "";
  if (current === source) return 0;
  process.stderr.write(`${relative} is stale: run \`npm run schema-types\`\n`);
  return 1;
}

run(process.argv.includes("--check")).then((code) => {
  process.exitCode = code;
});
