/**
 * What ties a proxied exchange to its Pact interaction: the request itself. Method,
 * path, whether it carries an Authorization header, and the body with its members
 * in sorted order (the core may reorder them). Each PATCH interaction
 * has its own entity id, so its tag names it whatever order the core runs them in;
 * two interactions that send the very same request (a POST whose every member is
 * required) share a tag, and take its exchanges in the order they were sent.
 */
export function requestTag(method: string, path: string, authorized: boolean, body: unknown): string {
  return `${method.toUpperCase()} ${path} ${authorized ? "authorized" : "anonymous"} ${body === undefined ? "" : canonicalJson(body)}`;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
