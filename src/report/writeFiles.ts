import { randomBytes } from "node:crypto";
import { mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";

/** Resolves a file name inside a directory, refusing anything that would land outside it. */
export function pathInside(directory: string, fileName: string): string {
  const root = path.resolve(directory);
  const target = path.resolve(root, fileName);
  const relative = path.relative(root, target);
  if (relative === "" || relative.split(path.sep)[0] === ".." || path.isAbsolute(relative)) {
    throw new Error(`refusing to write "${fileName}": it resolves outside the report directory ${root}`);
  }
  return target;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function ensureDirectory(directory: string): Promise<string> {
  const root = path.resolve(directory);
  try {
    await mkdir(root, { recursive: true });
  } catch (error) {
    throw new Error(`cannot create the report directory ${root}: ${reason(error)}`);
  }
  return root;
}

/**
 * Writes a file so that readers see the old file or the whole new one, never a
 * part: a fresh temp file in the same directory (created exclusively, so a planted
 * symlink is not followed), flushed, then renamed over the target (rename replaces
 * a symlink at the target rather than writing through it).
 */
export async function writeFileAtomically(directory: string, fileName: string, content: string): Promise<string> {
  const target = pathInside(directory, fileName);
  const temp = pathInside(directory, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const handle = await open(temp, "wx", 0o644);
    try {
      await handle.writeFile(content, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw new Error(`cannot write ${target}: ${reason(error)}`);
  }
  return target;
}
