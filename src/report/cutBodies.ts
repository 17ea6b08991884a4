import { KEPT_BODY_BYTES, type Exchange, type RunResults } from "../results/model";

/**
 * The most of one body a report shows, in characters: what an exchange keeps of a
 * response. Responses the client recorded are within it already; this cuts the
 * rest (a long request body, an exchange recorded elsewhere), so no report file
 * grows with what a target sends.
 */
export const REPORTED_BODY_LIMIT = KEPT_BODY_BYTES;

function cut(body: string): string {
  const rest = body.length - REPORTED_BODY_LIMIT;
  return `${body.slice(0, REPORTED_BODY_LIMIT)}… [cut in the report: ${rest} more characters]`;
}

function cutExchange(exchange: Exchange): Exchange {
  const { request, response } = exchange;
  const requestTooLong = request.body !== undefined && request.body.length > REPORTED_BODY_LIMIT;
  const responseTooLong = response !== undefined && response.body.length > REPORTED_BODY_LIMIT;
  if (!requestTooLong && !responseTooLong) return exchange;
  return {
    ...exchange,
    request: requestTooLong ? { ...request, body: cut(request.body!) } : request,
    ...(response ? { response: responseTooLong ? { ...response, body: cut(response.body), bodyTruncated: true } : response } : {}),
  };
}

/** The results with every request and response body longer than REPORTED_BODY_LIMIT cut and marked. */
export function cutReportedBodies(results: RunResults): RunResults {
  return { ...results, checks: results.checks.map((check) => ({ ...check, exchanges: check.exchanges.map(cutExchange) })) };
}
