import { parseJsonWithLines } from "./jsonText";
import type { HttpBody, HttpHeader, HttpMessage, HttpStartLine, TextAt } from "./model";

const STATUS_LINE = /^HTTP\/\d(?:\.\d)?\s+(\d{3})(?:\s+(.*))?$/;
/**
 * `METHOD target [HTTP/x.y]` with ApiDoctor's verbs. The target is an absolute URL,
 * a path, or a path relative to the service root (`me/events`), and may hold Graph's
 * placeholders, whose alternatives are written with spaces: `{id | userPrincipalName}`.
 * Its query is often written unencoded, spaces and all (`?$filter=… gt 0&$select=id`),
 * as ApiDoctor reads it: the path up to `?` holds no space outside placeholders.
 */
const REQUEST_LINE = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+((?:[^\s{?]|\{[^{}]*\})+(?:\?.*?)?)(?:\s+HTTP\/\d(?:\.\d)?)?$/;
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):\s*(.*?)\s*$/;

/** A request line's method and target, or undefined when the text is not one. */
export function parseRequestLine(text: string): { method: string; target: string } | undefined {
  const request = REQUEST_LINE.exec(text.trim());
  return request ? { method: request[1], target: request[2] } : undefined;
}

function parseStartLine(text: string, line: number): HttpStartLine | undefined {
  const status = STATUS_LINE.exec(text.trim());
  if (status) return { kind: "status", status: Number(status[1]), reason: status[2] ?? "", line };
  const request = parseRequestLine(text);
  if (request) return { kind: "request", ...request, line };
  return undefined;
}

export function startsJson(text: string): boolean {
  return /^\s*[[{]/.test(text);
}

function bodyOf(lines: string[], index: number, firstLine: number): HttpBody | undefined {
  let end = lines.length;
  // A blank line before the closing fence is layout, not part of the payload.
  while (end > index && lines[end - 1].trim() === "") end--;
  if (end <= index) return undefined;
  const bodyLines = lines.slice(index, end);
  const line = firstLine + index;
  return { line, lines: bodyLines, json: parseJsonWithLines(bodyLines.join("\n"), line) };
}

/**
 * Parses an HTTP message written out as text (a doc page's example block or a
 * captured exchange): an optional start line (request line or status line), headers
 * up to the first blank line, then the body. A block that opens with `{` or `[` is a
 * bare body. `lines` carry no terminators; `firstLine` is the file line of lines[0].
 */
export function parseHttpMessage(lines: readonly string[], firstLine: number): HttpMessage {
  const all = [...lines];
  const headers: HttpHeader[] = [];
  const malformed: TextAt[] = [];
  let index = all.findIndex((text) => text.trim() !== "");
  if (index === -1) return { headers, malformed };
  if (startsJson(all[index])) return { headers, malformed, body: bodyOf(all, index, firstLine) };

  const start = parseStartLine(all[index], firstLine + index);
  const unreadableStart = start ? undefined : { text: all[index], line: firstLine + index };
  index++;
  for (; index < all.length; index++) {
    const text = all[index];
    if (text.trim() === "") {
      index++;
      break;
    }
    if (startsJson(text)) break;
    const header = HEADER_LINE.exec(text);
    if (header) headers.push({ name: header[1], value: header[2], line: firstLine + index });
    else malformed.push({ text, line: firstLine + index });
  }
  return { ...(start ? { start } : { unreadableStart }), headers, malformed, body: bodyOf(all, index, firstLine) };
}

export function headerValue(message: HttpMessage, name: string): HttpHeader | undefined {
  const wanted = name.toLowerCase();
  return message.headers.find((header) => header.name.toLowerCase() === wanted);
}
