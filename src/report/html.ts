import { summarize, type BaselineEntry, type CheckResult, type Exchange, type RunResults } from "../results/model";
import { isRuleId, ruleIds, ruleTitles } from "../rules";
import { curlCommand } from "./curl";
import { formatOutcome, formatRequest, formatTrace, formatValue } from "./exchangeText";
import { isDiffable, memberDiff, parseIfJsonText, type MemberDifference } from "./jsonDiff";
import { escapeMarkup } from "./markup";
import { addTo, checkLabel, emptyTally, shownFamilies, tallyByOperation, tallyCount, tallyTotals, type OperationTally, type Tally } from "./tally";

/**
 * `report.html`: one self-contained file (inline CSS, no scripts, no external
 * assets). Every string that comes from the run is escaped with `escapeMarkup`;
 * the Content-Security-Policy forbids scripts as a second line of defence.
 */

const e = escapeMarkup;

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1200px;padding:1rem 1.5rem;color:#1b1f24;background:#fff}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem}h3{font-size:1rem;margin:.2rem 0}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#f6f8fa}
td.num{text-align:right;font-variant-numeric:tabular-nums}
pre{background:#f6f8fa;border:1px solid #d0d7de;padding:.5rem;white-space:pre-wrap;word-break:break-all;margin:.3rem 0;max-height:30rem;overflow:auto}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem}dl.meta dt{font-weight:600}dl.meta dd{margin:0}
.pass{color:#1a7f37}.fail{color:#cf222e;font-weight:600}.skip{color:#9a6700}.muted{color:#57606a}
.banner{background:#fff8c5;border:1px solid #d4a72c;padding:.5rem .75rem;margin:.5rem 0;font-weight:600}
.totals span{margin-right:1rem;font-size:1.1rem}
article.failure{border:1px solid #ffcecb;border-left:4px solid #cf222e;padding:.5rem .75rem;margin:1rem 0}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:.75rem}.pair>div{min-width:0}
.diff td.only-expected{background:#ffebe9}.diff td.only-actual{background:#dafbe1}.diff td.differs{background:#fff8c5}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace}
`;

function tallyHtml(tally: Tally): string {
  if (tallyCount(tally) === 0) return `<span class="muted">·</span>`;
  const parts = [`<span class="pass">✓ ${tally.passed}</span>`];
  if (tally.failed > 0) parts.push(`<span class="fail">✗ ${tally.failed}</span>`);
  if (tally.skipped > 0) parts.push(`<span class="skip">- ${tally.skipped}</span>`);
  if (tally.accepted > 0) parts.push(`<span class="skip">≈ ${tally.accepted} accepted</span>`);
  return parts.join(" ");
}

function statusHtml(check: CheckResult): string {
  if (check.status === "passed") return `<span class="pass">✓ passed</span>`;
  if (check.status === "failed" && check.accepted) return `<span class="skip">≈ accepted by the baseline: ${e(check.accepted.reason || "no reason given")}</span>`;
  if (check.status === "failed") return `<span class="fail">✗ failed</span>`;
  return `<span class="skip">- skipped</span>`;
}

function entryText(entry: BaselineEntry): string {
  return `${entry.operationId} ${entry.ruleId ?? "(no rule)"}${entry.checkId ? ` ${entry.checkId}` : ""}${entry.expires ? ` (expires ${entry.expires})` : ""}`;
}

function baselineHtml(results: RunResults, accepted: number): string {
  const baseline = results.baseline!;
  const list = (label: string, entries: readonly BaselineEntry[]) => (entries.length ? `; ${label}: ${entries.map((entry) => `<code>${e(entryText(entry))}</code>`).join(", ")}` : "");
  return `<code>${e(baseline.file)}</code>: ${accepted} failure(s) accepted${list("expired, failing again", baseline.expired)}${list("stale (no longer fail)", baseline.stale)}`;
}

function header(results: RunResults): string {
  const summary = summarize(results.checks);
  const target = results.target;
  const meta: [string, string][] = [
    ["target", `<code>${e(target.baseUrl)}</code>${target.embedded ? " (embedded reference provider)" : ""}`],
    ...(target.stateUrl ? ([["state URL", `<code>${e(target.stateUrl)}</code>`]] as [string, string][]) : []),
    ["started", e(results.startedAt)],
    ["finished", `${e(results.finishedAt)} (${(results.durationMs / 1000).toFixed(1)} s)`],
    ["seed", `<code>${results.seed}</code> — rerun with <code>--seed ${results.seed}</code>`],
    ["cases per rule", String(results.casesPerRule)],
    ["tool", `${e(results.tool.name)} ${e(results.tool.version)}`],
    ...(results.baseline ? ([["baseline", baselineHtml(results, summary.accepted)]] as [string, string][]) : []),
  ];
  const banner =
    results.incomplete !== undefined
      ? `<p class="banner" id="incomplete">INCOMPLETE: ${e(results.incomplete)} — only the checks that finished are reported.</p>`
      : "";
  return [
    "<header>",
    `<h1>Conformance report${results.incomplete !== undefined ? " (incomplete)" : ""}</h1>`,
    banner,
    `<dl class="meta">${meta.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join("")}</dl>`,
    `<p class="totals"><span>${summary.total} checks</span><span class="pass">✓ ${summary.passed} passed</span><span class="fail">✗ ${summary.failed} failed</span><span class="skip">- ${summary.skipped} skipped</span></p>`,
    "</header>",
  ].join("\n");
}

function summaryTable(operations: OperationTally[]): string {
  const families = shownFamilies(operations);
  const totals = tallyTotals(operations);
  const head = `<tr><th>operation</th><th>request</th><th>entity</th>${families.map((family) => `<th>${family}</th>`).join("")}<th>total</th></tr>`;
  const rows = operations.map((operation) => {
    const target = operation.target;
    const request = target
      ? `<code>${e(target.method)} ${e(target.path)}</code>${target.inferredBecause ? `<br><span class="skip">inferred path:</span> ${e(target.inferredBecause)}` : ""}`
      : "";
    return `<tr><td><a href="#op-${e(operation.operationId)}">${e(operation.operationId)}</a></td><td>${request}</td><td>${e(target?.entitySource ?? "")}</td>${families
      .map((family) => `<td>${tallyHtml(operation.families[family])}</td>`)
      .join("")}<td>${tallyHtml(operation.total)}</td></tr>`;
  });
  const total = `<tr><th colspan="3">total</th>${families.map((family) => `<td>${tallyHtml(totals.families[family])}</td>`).join("")}<td>${tallyHtml(totals.total)}</td></tr>`;
  return `<section><h2>Summary</h2>\n<table>\n${head}\n${rows.join("\n")}\n${total}\n</table>\n<p class="muted">✓ passed · ✗ failed · - skipped. P: positive rules, E: bad-input rules, Pact: contract interactions.</p></section>`;
}

// Rows of an operation's rule table: our rules in catalogue order, then Pact interactions.
function labelOrder(check: CheckResult): number {
  const ruleIndex = check.ruleId && isRuleId(check.ruleId) ? ruleIds.indexOf(check.ruleId) : ruleIds.length;
  return (check.source === "pact" ? ruleIds.length + 1 : 0) + ruleIndex;
}

function ruleTitle(check: CheckResult): string {
  const title = check.ruleId ? ruleTitles[check.ruleId] : "";
  return check.source === "pact" ? `Pact interactions${title ? `: ${title}` : ""}` : title || "checks without a rule";
}

function operationSection(operation: OperationTally, failureAnchors: Map<CheckResult, string>): string {
  const rows = new Map<string, { title: string; order: number; tally: Tally; failures: string[] }>();
  for (const check of operation.checks) {
    const label = checkLabel(check);
    const row = rows.get(label) ?? { title: ruleTitle(check), order: labelOrder(check), tally: emptyTally(), failures: [] };
    addTo(row.tally, check.status);
    const anchor = failureAnchors.get(check);
    if (anchor) row.failures.push(`<a href="#${anchor}">${e(check.name)}</a>`);
    rows.set(label, row);
  }
  const body = [...rows]
    .sort(([, a], [, b]) => a.order - b.order)
    .map(
      ([label, row]) =>
        `<tr><td><code>${e(label)}</code></td><td>${e(row.title)}</td><td class="num pass">${row.tally.passed}</td><td class="num${row.tally.failed ? " fail" : ""}">${row.tally.failed}</td><td class="num skip">${row.tally.skipped}</td><td>${row.failures.join("<br>")}</td></tr>`,
    )
    .join("\n");
  const table = rows.size
    ? `<table>\n<tr><th>rule</th><th>title</th><th>passed</th><th>failed</th><th>skipped</th><th>failures</th></tr>\n${body}\n</table>`
    : `<p class="muted">No checks ran for this operation.</p>`;
  return `<section id="op-${e(operation.operationId)}"><h3>${e(operation.operationId)} ${tallyHtml(operation.total)}</h3>\n${table}</section>`;
}

function differenceHtml(differences: MemberDifference[]): string {
  if (differences.length === 0) return `<p class="muted">No member-level difference: the failure lies elsewhere (status, headers or a sequence of requests).</p>`;
  const rows = differences.map((difference) => {
    const cls = difference.kind.replace(" ", "-");
    const show = (value: unknown, present: boolean) => (present ? `<code>${e(JSON.stringify(value) ?? "undefined")}</code>` : `<span class="muted">absent</span>`);
    return `<tr><td class="${cls}"><code>${e(difference.pointer || "(whole value)")}</code></td><td class="${cls}">${e(difference.kind)}</td><td>${show(difference.expected, difference.kind !== "only actual")}</td><td>${show(difference.actual, difference.kind !== "only expected")}</td></tr>`;
  });
  return `<table class="diff">\n<tr><th>member</th><th></th><th>expected</th><th>actual</th></tr>\n${rows.join("\n")}\n</table>`;
}

function exchangeHtml(exchange: Exchange, index: number, count: number): string {
  const sent = formatRequest(exchange.request);
  const received = formatOutcome(exchange);
  const heading = count > 1 ? `<h4>Request ${index + 1} of ${count}</h4>` : "";
  const trace = formatTrace(exchange);
  const traceLine = trace ? `<p class="trace"><strong>In the target's logs:</strong> ${e(trace)}</p>\n` : "";
  return `${heading}<div class="pair"><div><strong>Sent</strong><pre>${e(sent)}</pre></div><div><strong>Came back</strong><pre>${e(received)}</pre></div></div>\n${traceLine}<strong>Replay</strong><pre class="curl">${e(curlCommand(exchange.request))}</pre>`;
}

// JSON text (a body kept as a string) is indented like any other structured value.
function readableValue(value: unknown): string {
  const parsed = parseIfJsonText(value);
  return parsed === value ? formatValue(value) : JSON.stringify(parsed, null, 2);
}

function failureArticle(check: CheckResult, anchor: string): string {
  const parts = [
    `<article class="failure" id="${anchor}">`,
    `<h3>✗ ${e(check.operationId)} · <code>${e(checkLabel(check))}</code> · ${e(check.name)}</h3>`,
    `<p class="muted">check id <code>${e(check.id)}</code> — run it alone with <code>--case '${e(check.id)}'</code></p>`,
  ];
  if (check.ruleId) parts.push(`<p class="muted">${e(check.ruleId)}: ${e(ruleTitles[check.ruleId])}</p>`);
  if (check.message) parts.push(`<p>${e(check.message)}</p>`);
  if (check.expected !== undefined || check.actual !== undefined) {
    parts.push(
      `<div class="pair"><div><strong>Expected</strong><pre>${e(readableValue(check.expected))}</pre></div><div><strong>Actual</strong><pre>${e(readableValue(check.actual))}</pre></div></div>`,
    );
    if (isDiffable(check.expected, check.actual)) parts.push(`<strong>Difference</strong>\n${differenceHtml(memberDiff(check.expected, check.actual))}`);
  }
  check.exchanges.forEach((exchange, index) => parts.push(exchangeHtml(exchange, index, check.exchanges.length)));
  parts.push("</article>");
  return parts.join("\n");
}

function allChecksTable(results: RunResults, failureAnchors: Map<CheckResult, string>): string {
  const rows = results.checks.map((check) => {
    const anchor = failureAnchors.get(check);
    const name = anchor ? `<a href="#${anchor}">${e(check.name)}</a>` : e(check.name);
    return `<tr><td>${statusHtml(check)}</td><td>${e(check.operationId)}</td><td><code>${e(checkLabel(check))}</code></td><td>${name}</td><td class="num">${check.durationMs}</td><td>${e(check.message ?? "")}</td></tr>`;
  });
  return `<section><h2>All checks (${results.checks.length})</h2>\n<table>\n<tr><th>status</th><th>operation</th><th>rule</th><th>check</th><th>ms</th><th>message</th></tr>\n${rows.join("\n")}\n</table></section>`;
}

export function renderHtml(results: RunResults): string {
  const operations = tallyByOperation(results);
  const failed = results.checks.filter((check) => check.status === "failed" && !check.accepted);
  const failureAnchors = new Map(failed.map((check, index) => [check, `failure-${index + 1}`] as const));
  const summary = summarize(results.checks);
  const title = `${results.incomplete !== undefined ? "[INCOMPLETE] " : ""}${results.tool.name}: ${summary.failed} failed, ${summary.passed} passed — ${results.target.baseUrl}`;
  const failures = failed.length
    ? `<section><h2>Failures (${failed.length})</h2>\n${failed.map((check) => failureArticle(check, failureAnchors.get(check) ?? "")).join("\n")}</section>`
    : `<section><h2>Failures</h2><p class="pass">No check failed.</p></section>`;
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(title)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    header(results),
    summaryTable(operations),
    `<section><h2>Operations</h2>\n${operations.map((operation) => operationSection(operation, failureAnchors)).join("\n")}</section>`,
    failures,
    allChecksTable(results, failureAnchors),
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
