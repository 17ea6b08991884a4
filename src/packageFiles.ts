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
