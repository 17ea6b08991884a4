import { UsageError } from "./exitCodes";

/**
 * The one check of a URL the user gives (`--base-url`, `--state-url`, `--server`,
 * the broker's): absolute, and http or https. `name` says what it is in the
 * message; `shown` is the value as the message may print it (a broker URL's
 * password masked).
 */
export function parseHttpUrl(value: string, name: string, shown: string = JSON.stringify(value)): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${name} must be an absolute http(s) URL, got ${shown}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError(`${name} must be http or https, got ${shown}`);
  return url;
}
