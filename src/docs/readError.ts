const REASONS: Readonly<Record<string, string>> = {
  ENOENT: "no such file",
  EISDIR: "is a directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
};

/** Why a file could not be read, in a few words (`no such file`), never a stack trace. */
export function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return (code && REASONS[code]) ?? code ?? "unknown error";
}

/** A file-read failure as one short reason (`cannot read: no such file`). */
export function cannotRead(error: unknown): string {
  return `cannot read: ${readFailure(error)}`;
}
