/**
 * Turns the official client's failure output into one line a user can act on.
 * The client prints `Request to pact broker path '…' failed: 401 Unauthorized`
 * for HTTP errors and `error sending request` / `Failed to access pact broker`
 * when the broker cannot be reached.
 */
import { displayUrl } from "./brokerSettings";

export type BrokerFailureKind = "unauthorized" | "forbidden" | "unreachable" | "other";

export function brokerFailureKind(output: string): BrokerFailureKind {
  if (/failed: 401\b/.test(output)) return "unauthorized";
  if (/failed: 403\b/.test(output)) return "forbidden";
  if (/error sending request|Failed to access pact broker|Failed to send JSON to the pact broker/i.test(output)) return "unreachable";
  return "other";
}

/** The client's own error lines (marked ❌), for failures we do not recognise. */
function clientErrorLine(output: string): string {
  const lines = output.split(/\r?\n/).map((line) => line.trim());
  const error = lines.find((line) => line.startsWith("❌")) ?? lines.filter(Boolean).at(-1) ?? "no output";
  return error.replace(/^❌\s*/, "");
}

export function describeBrokerFailure(kind: BrokerFailureKind, output: string, brokerUrl: string, action: string): string {
  const where = brokerUrl ? `the Pact Broker at ${displayUrl(brokerUrl)}` : "the Pact Broker";
  switch (kind) {
    case "unauthorized":
      return `${where} rejected the credentials (401 Unauthorized) while trying to ${action}: check PACT_BROKER_TOKEN or PACT_BROKER_USERNAME/PACT_BROKER_PASSWORD`;
    case "forbidden":
      return `${where} refused to ${action} (403 Forbidden): the credentials lack the permission`;
    case "unreachable":
      return `cannot reach ${where} to ${action}: check the URL and that the broker is running`;
    case "other":
      return `could not ${action}: ${clientErrorLine(output)}`;
  }
}
