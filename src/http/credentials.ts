import { execFile } from "node:child_process";
import { UsageError } from "../exitCodes";
import { maskSecrets } from "./redact";

/**
 * The run's bearer token: given once (`--token`, `--token-file`), or got from a
 * command (`--token-command`) at start, again when the target answers 401 to a
 * token that had worked (it expired), and every `--token-refresh-ms`. The HTTP
 * client asks it for the token of each request; every token it ever held is a
 * secret the reports mask.
 */
export interface Credentials {
  /** The token to send now. */
  token(): string;
  /** `token` was answered with something other than 401. */
  worked(token: string): void;
  /**
   * `token` was refused with 401. When it had worked and a command can give a
   * new one, the new token (asked once per refused token); otherwise undefined.
   */
  renewAfter401(token: string): Promise<string | undefined>;
  /** Every token held so far, the first one first. */
  all(): readonly string[];
  /** Ends the refresh timer. */
  stop(): void;
}

/** How a command's token is got; plain data, so the Pact worker can get its own. */
export interface TokenCommand {
  command: string;
  refreshMs?: number;
  cwd: string;
}

/** The longest a token command may take before the run is given up. */
export const TOKEN_COMMAND_TIMEOUT_MS = 60_000;

export function fixedCredentials(token: string): Credentials {
  return { token: () => token, worked: () => undefined, renewAfter401: async () => undefined, all: () => [token], stop: () => undefined };
}

/** Runs the command through the shell; its trimmed standard output is the token. A UsageError says why not, never with the token in it. */
export function runTokenCommand(source: TokenCommand): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("/bin/sh", ["-c", source.command], { cwd: source.cwd, timeout: TOKEN_COMMAND_TIMEOUT_MS, maxBuffer: 1024 * 1024, encoding: "utf8" }, (error, stdout, stderr) => {
      const token = stdout.trim();
      // A half-printed token in the command's own complaint is masked too.
      const firstLine = maskSecrets(stderr.trim().split("\n")[0] ?? "", token ? [token] : []);
      if (error) {
        const why = error.killed ? `did not finish within ${TOKEN_COMMAND_TIMEOUT_MS} ms` : `failed (exit ${error.code ?? "?"})`;
        return reject(new UsageError(`--token-command ${why}${firstLine ? `: ${firstLine}` : ""}`));
      }
      if (token === "") return reject(new UsageError(`--token-command printed no token${firstLine ? `: ${firstLine}` : ""}`));
      if (/[\s\u0000-\u001f\u007f]/.test(token)) return reject(new UsageError("--token-command printed more than one word; it must print the token alone"));
      resolve(token);
    });
  });
}

/**
 * Credentials from a command, got once now. `onFailure` hears of a later
 * renewal that failed: the run cannot go on with an expired token.
 */
export async function commandCredentials(source: TokenCommand, onFailure: (error: UsageError) => void = () => undefined): Promise<Credentials> {
  const tokens = [await runTokenCommand(source)];
  const worked = new Set<string>();
  const renewals = new Map<string, Promise<string | undefined>>();
  const renew = (): Promise<string | undefined> =>
    runTokenCommand(source).then(
      (token) => {
        if (!tokens.includes(token)) tokens.push(token);
        return token;
      },
      (error: UsageError) => {
        onFailure(error);
        return undefined;
      },
    );
  const timer = source.refreshMs === undefined ? undefined : setInterval(() => void renew(), source.refreshMs);
  timer?.unref();
  return {
    token: () => tokens.at(-1)!,
    worked: (token) => void worked.add(token),
    renewAfter401(token) {
      if (!worked.has(token)) return Promise.resolve(undefined);
      // Concurrent 401s for the same expired token share one run of the command.
      let renewal = renewals.get(token);
      if (!renewal) {
        renewal = renew();
        renewals.set(token, renewal);
      }
      return renewal;
    },
    all: () => tokens,
    stop: () => clearInterval(timer),
  };
}
