import fs from "node:fs";
import path from "node:path";

/**
 * Where the package's own files are, whether it runs from the TypeScript sources
 * (`src/`, in a clone and under Jest) or from the built JavaScript (`dist/`, as
 * installed): both sit one level below the package root.
 */
export const PACKAGE_ROOT = path.resolve(__dirname, "..");
export const SCHEMAS_DIR = path.join(PACKAGE_ROOT, "schemas");
export const CONTRACTS_DIR = path.join(PACKAGE_ROOT, "contracts");
export const APIDOCS_DIR = path.join(PACKAGE_ROOT, "apidocs");

/** Whether this code runs from the TypeScript sources (under Jest), not the built JavaScript. */
const FROM_SOURCES = path.extname(__filename) === ".ts";

/**
 * A module beside `directory` to run in a child process or worker thread: the
 * built `NAME.js` as installed; from the sources, `NAME.ts` through esbuild-register
 * (a development dependency), loaded first with `preload`.
 */
export function runnableModule(directory: string, name: string): { file: string; preload: string[] } {
  return FROM_SOURCES ? { file: path.join(directory, `${name}.ts`), preload: [require.resolve("esbuild-register")] } : { file: path.join(directory, `${name}.js`), preload: [] };
}

interface PackageManifest {
  name: string;
  version: string;
}

let manifest: PackageManifest | undefined;

/** The package's name and version, read once, when first asked (the CLI's start stays light). */
export function packageManifest(): PackageManifest {
  manifest ??= JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")) as PackageManifest;
  return manifest;
}
