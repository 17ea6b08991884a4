import { KEPT_BODY_BYTES, traceOf, type Exchange, type RecordedRequest, type RecordedResponse } from "../results/model";

// Request headers that carry credentials: whatever the runner recorded, a report
// shows only the scheme.
const CREDENTIAL_HEADERS = new Set(["authorization", "proxy-authorization", "cookie"]);

export function redactHeaderValue(name: string, value: string): string {
  if (!CREDENTIAL_HEADERS.has(name.toLowerCase())) return value;
  const scheme = /^([A-Za-z][\w-]*)\s+\S/.exec(value)?.[1];
  return scheme ? `${scheme} ***` : "***";
}

export function redactedHeaders(headers: Record<string, string>): [string, string][] {
  return Object.entries(headers).map(([name, value]) => [name, redactHeaderValue(name, value)]);
}

export function formatHeaders(headers: Record<string, string>): string {
  return redactedHeaders(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join("\n");
}

export function formatRequest(request: RecordedRequest): string {
  const lines = [`${request.method} ${request.url}`];
  const headers = formatHeaders(request.headers);
  if (headers) lines.push(headers);
  if (request.body !== undefined) lines.push("", request.body);
  return lines.join("\n");
}

export function formatResponse(response: RecordedResponse): string {
  const lines = [`HTTP ${response.status} (${response.durationMs} ms)`];
  const headers = formatHeaders(response.headers);
  if (headers) lines.push(headers);
  lines.push("", response.body);
  if (response.bodyTruncated) lines.push(`[body cut: ${response.bodyBytes === undefined ? "more" : `${response.bodyBytes} bytes`} received, the first ${KEPT_BODY_BYTES} kept]`);
  return lines.join("\n");
}

/** The ids that find an exchange in the target's logs, on one line; empty when it has none. */
export function formatTrace(exchange: Exchange): string {
  return traceOf(exchange).join(", ");
}

/** What came back for an exchange: the response, or why there was none. */
export function formatOutcome(exchange: Exchange): string {
  if (exchange.response) return formatResponse(exchange.response);
  return `no response: ${exchange.error ?? "unknown transport failure"}`;
}

/** A value of `expected` / `actual`: strings as they are (they are mostly sentences), anything else as JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined) return "(none)";
  return JSON.stringify(value, null, 2) ?? String(value);
}
