/** The exit statuses of every command (rules.md §6). */
export const EXIT_OK = 0;
/** At least one conformance failure, doc error or invalid payload. */
export const EXIT_FAILURES = 1;
/** The run could not be made: bad arguments, unreadable input, target unreachable. */
export const EXIT_UNUSABLE = 2;

/** An error whose message is meant for the user as it is, with the exit status it ends in. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_UNUSABLE,
  ) {
    super(message);
    this.name = "UsageError";
  }
}
