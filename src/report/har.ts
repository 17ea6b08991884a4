import type { CheckResult, Exchange, RunResults } from "../results/model";

/**
 * `exchanges.har` (HAR 1.2): every request of the run and what came back, for any
 * HAR viewer (a browser's devtools). Each entry's comment names the check it
 * belongs to (or the set-up: the reachability probe, provider-state calls). Bodies
 * are as the other reports have them: cut, the token masked.
 */

interface HarHeader {
  name: string;
  value: string;
}

function headersOf(headers: Record<string, string>): HarHeader[] {
  return Object.entries(headers).map(([name, value]) => ({ name, value }));
}

function queryOf(url: string): HarHeader[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

function entryOf(exchange: Exchange, comment: string, fallbackStart: string): object {
  const { request, response } = exchange;
  const wait = response?.durationMs ?? 0;
  const contentType = (headers: Record<string, string>) => headers["content-type"] ?? "";
  return {
    startedDateTime: exchange.startedAt ?? fallbackStart,
    time: wait,
    request: {
      method: request.method,
      url: request.url,
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers: headersOf(request.headers),
      queryString: queryOf(request.url),
      ...(request.body === undefined ? {} : { postData: { mimeType: contentType(request.headers), text: request.body } }),
      headersSize: -1,
      bodySize: request.body === undefined ? 0 : Buffer.byteLength(request.body),
    },
    response: {
      status: response?.status ?? 0,
      statusText: response ? "" : (exchange.error ?? "no response"),
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers: headersOf(response?.headers ?? {}),
      content: { size: response?.bodyBytes ?? (response ? Buffer.byteLength(response.body) : 0), mimeType: contentType(response?.headers ?? {}), text: response?.body ?? "" },
      redirectURL: response?.headers.location ?? "",
      headersSize: -1,
      bodySize: response?.bodyBytes ?? (response ? Buffer.byteLength(response.body) : -1),
      ...(exchange.error ? { comment: exchange.error } : {}),
    },
    cache: {},
    // The client times a request from send to its last byte; HAR wants the parts, so it is all "wait".
    timings: { send: 0, wait, receive: 0 },
    comment,
  };
}

function checkComment(check: CheckResult): string {
  return `${check.id} (${check.status}${check.accepted ? ", accepted by the baseline" : ""})`;
}

export function renderHar(results: RunResults): string {
  const entries = [
    ...(results.setupExchanges ?? []).map((exchange) => entryOf(exchange, "set-up: reachability probe or provider-state call", results.startedAt)),
    ...results.checks.flatMap((check) => check.exchanges.map((exchange) => entryOf(exchange, checkComment(check), results.startedAt))),
  ].sort((a, b) => ((a as { startedDateTime: string }).startedDateTime < (b as { startedDateTime: string }).startedDateTime ? -1 : 1));
  const har = {
    log: {
      version: "1.2",
      creator: { name: results.tool.name, version: results.tool.version },
      pages: [],
      entries,
      comment: `seed ${results.seed}, ${results.casesPerRule} cases per rule, target ${results.target.baseUrl}`,
    },
  };
  return `${JSON.stringify(har, null, 1)}\n`;
}
