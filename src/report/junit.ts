import type { CheckResult, RunResults } from "../results/model";
import { ruleTitles } from "../rules";
import { formatOutcome, formatRequest, formatTrace, formatValue } from "./exchangeText";
import { escapeAttribute, escapeMarkup } from "./markup";
import { checkLabel, tallyByOperation, tallyTotals, type OperationTally } from "./tally";

/**
 * JUnit XML in the shape CI servers read (the Jenkins / Ant schema): a testsuite per
 * operation, a testcase per check, a failure text a reader can act on without the
 * HTML report.
 */

const RUN_SUITE = "graph-conformance.run";

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function attributes(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`)
    .join("");
}

function property(name: string, value: string | number): string {
  return `      <property${attributes({ name, value })}/>`;
}

/** The failure text: what was sent, what was expected, what came back. */
export function failureText(check: CheckResult): string {
  const sections: string[] = [];
  if (check.message) sections.push(check.message);
  sections.push(`Check id: ${check.id} (run it alone with --case '${check.id}')`);
  if (check.ruleId) sections.push(`Rule ${check.ruleId}: ${ruleTitles[check.ruleId]}`);
  if (check.expected !== undefined || check.actual !== undefined) {
    sections.push(`Expected:\n${formatValue(check.expected)}`, `Received:\n${formatValue(check.actual)}`);
  }
  check.exchanges.forEach((exchange, index) => {
    const heading = check.exchanges.length > 1 ? ` (${index + 1} of ${check.exchanges.length})` : "";
    sections.push(`Sent${heading}:\n${formatRequest(exchange.request)}`, `Came back${heading}:\n${formatOutcome(exchange)}`);
    const trace = formatTrace(exchange);
    if (trace) sections.push(`In the target's logs${heading}: ${trace}`);
  });
  return sections.join("\n\n");
}

function testcase(check: CheckResult): string {
  const open = `    <testcase${attributes({ name: `${checkLabel(check)} ${check.name}`, classname: check.operationId, time: seconds(check.durationMs) })}`;
  if (check.status === "passed") return `${open}/>`;
  if (check.status === "skipped") return `${open}>\n      <skipped${attributes({ message: check.message })}/>\n    </testcase>`;
  if (check.accepted) {
    return `${open}>\n      <skipped${attributes({ message: `accepted by the baseline (${check.accepted.reason || "no reason given"}): ${check.message ?? "failed"}` })}/>\n    </testcase>`;
  }
  const failure = `      <failure${attributes({ message: check.message ?? "failed", type: check.ruleId ?? check.source })}>${escapeMarkup(failureText(check))}</failure>`;
  return `${open}>\n${failure}\n    </testcase>`;
}

function testsuite(operation: OperationTally, results: RunResults): string {
  const properties = [property("seed", results.seed), property("baseUrl", results.target.baseUrl)];
  if (operation.target) {
    properties.push(property("method", operation.target.method), property("path", operation.target.path));
    if (operation.target.inferredBecause) properties.push(property("pathInferred", operation.target.inferredBecause));
    if (operation.target.entitySource) properties.push(property("entitySource", operation.target.entitySource));
  }
  if (results.incomplete) properties.push(property("incomplete", results.incomplete));
  const head = `  <testsuite${attributes({
    name: operation.operationId,
    tests: operation.checks.length,
    failures: operation.total.failed,
    errors: 0,
    // A failure the baseline accepts must not fail a CI gate that reads junit.xml: it is reported skipped, saying why.
    skipped: operation.total.skipped + operation.total.accepted,
    time: seconds(operation.checks.reduce((sum, check) => sum + check.durationMs, 0)),
    timestamp: results.startedAt,
  })}>`;
  return [head, "    <properties>", ...properties, "    </properties>", ...operation.checks.map(testcase), "  </testsuite>"].join("\n");
}

// An interrupted run must not look green in CI: it gets one errored testcase saying why.
function incompleteSuite(results: RunResults, reason: string): string {
  return [
    `  <testsuite${attributes({ name: RUN_SUITE, tests: 1, failures: 0, errors: 1, skipped: 0, time: seconds(results.durationMs), timestamp: results.startedAt })}>`,
    `    <testcase${attributes({ name: "run completed", classname: RUN_SUITE, time: seconds(results.durationMs) })}>`,
    `      <error${attributes({ message: `run incomplete: ${reason}`, type: "incomplete" })}>${escapeMarkup(`The run stopped early: ${reason}. Only the checks that finished are reported.`)}</error>`,
    "    </testcase>",
    "  </testsuite>",
  ].join("\n");
}

export function renderJunit(results: RunResults): string {
  const operations = tallyByOperation(results);
  const { total } = tallyTotals(operations);
  const incomplete = results.incomplete;
  const suites = operations.map((operation) => testsuite(operation, results));
  if (incomplete !== undefined) suites.push(incompleteSuite(results, incomplete));
  const root = `<testsuites${attributes({
    name: incomplete !== undefined ? `${results.tool.name} (INCOMPLETE: ${incomplete})` : results.tool.name,
    tests: results.checks.length + (incomplete !== undefined ? 1 : 0),
    failures: total.failed,
    errors: incomplete !== undefined ? 1 : 0,
    skipped: total.skipped + total.accepted,
    time: seconds(results.durationMs),
    timestamp: results.startedAt,
  })}>`;
  return ['<?xml version="1.0" encoding="UTF-8"?>', root, ...suites, "</testsuites>", ""].join("\n");
}
