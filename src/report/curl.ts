import type { RecordedRequest } from "../results/model";
import { redactedHeaders } from "./exchangeText";

/** POSIX shell single quoting: nothing inside is interpreted; a `'` ends, is escaped, and reopens. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

// curl computes these from the URL and the body; repeating them could contradict it.
const SET_BY_CURL = new Set(["host", "content-length", "connection", "transfer-encoding"]);

/**
 * A `curl` command that replays a recorded request. Credentials show as `Bearer ***`
 * (the reader substitutes their own token); a request sent without Authorization
 * (rule E1) is replayed without one.
 */
export function curlCommand(request: RecordedRequest): string {
  const parts = ["curl"];
  // Brackets and braces in a URL are curl globs unless globbing is off.
  if (/[[\]{}]/.test(request.url)) parts.push("--globoff");
  parts.push("-X", /^[A-Z]+$/.test(request.method) ? request.method : shellQuote(request.method), shellQuote(request.url));
  for (const [name, value] of redactedHeaders(request.headers)) {
    if (SET_BY_CURL.has(name.toLowerCase())) continue;
    // `-H 'name:'` would remove the header; `name;` is curl's way to send it empty.
    parts.push("-H", shellQuote(value === "" ? `${name};` : `${name}: ${value}`));
  }
  if (request.body !== undefined) parts.push("--data-raw", shellQuote(request.body));
  return parts.join(" ");
}
