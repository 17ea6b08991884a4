const REASONS: Readonly<Record<string, string>> = {
  ENOENT: "no such file",
  EISDIR: "is a directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
};

/** A file-read failure as one short reason (`cannot read: no such file`), never a stack trace. */
export function cannotRead(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return `cannot read: ${(code && REASONS[code]) ?? code ?? "unknown error"}`;
}
