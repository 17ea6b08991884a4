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

/** A file written to its temp name, not yet in place. */
export interface StagedFile {
  /** Renames it over its target; resolves with the target's path. */
  commit(): Promise<string>;
  discard(): Promise<void>;
}

/**
 * The first half of an atomic write: a fresh temp file in the same directory
 * (created exclusively, so a planted symlink is not followed), flushed. Its commit
 * renames it over the target (rename replaces a symlink at the target rather than
 * writing through it), so readers see the old file or the whole new one.
 */
/** Characters written at a time: a report of tens of megabytes is never copied whole to be scrubbed or encoded. */
const PIECE_CHARS = 1 << 20;

/** `content` in pieces cut after a line end, so that no secret (one word) is split between two. */
function* pieces(content: string): Generator<string> {
  let start = 0;
  while (start < content.length) {
    let end = Math.min(content.length, start + PIECE_CHARS);
    if (end < content.length) {
      const before = content.lastIndexOf("\n", end);
      const after = content.indexOf("\n", end);
      end = before > start ? before + 1 : after === -1 ? content.length : after + 1;
    }
    yield content.slice(start, end);
    start = end;
  }
}

export async function stageFile(directory: string, fileName: string, content: string, transform: (piece: string) => string = (piece) => piece): Promise<StagedFile> {
  const target = pathInside(directory, fileName);
  const temp = pathInside(directory, `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  const discard = () => rm(temp, { force: true });
  try {
    const handle = await open(temp, "wx", 0o644);
    try {
      for (const piece of pieces(content)) await handle.write(transform(piece), null, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await discard();
    throw new Error(`cannot write ${target}: ${reason(error)}`);
  }
  return {
    async commit() {
      try {
        await rename(temp, target);
      } catch (error) {
        await discard();
        throw new Error(`cannot write ${target}: ${reason(error)}`);
      }
      return target;
    },
    discard,
  };
}

/** Writes a file so that readers see the old file or the whole new one, never a part. */
export async function writeFileAtomically(directory: string, fileName: string, content: string): Promise<string> {
  return (await stageFile(directory, fileName, content)).commit();
}
