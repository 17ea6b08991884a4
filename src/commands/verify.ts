import { DEFAULT_CASES_PER_RULE, DEFAULT_REPORT_DIR, TOKEN_ENV, type RawVerifyOptions } from "../verify/options";
import { DEFAULT_MAX_RUN_MS, DEFAULT_REQUEST_TIMEOUT_MS } from "../safety/limits";
import { action, type RegisterCommand } from "./command";
import { PROVIDER_STATES_PATH } from "../rules";
import { repeatable } from "./settings";

const HELP_AFTER = `
Without --base-url the embedded reference provider is started on a free loopback
port and verified. The token is sent as "Authorization: Bearer <token>" and is never
written to a report or log; prefer --token-file or ${TOKEN_ENV} to --token, which
other users of the machine can see in the process list.

Against a host that is not loopback every operation writes, so the run starts only
with --allow-writes; without it, it lists what it would write where and exits 2.
Ctrl-C stops the run within 2 seconds and still writes the reports, marked incomplete.

Exit status: 0 every check passed; 1 at least one conformance failure;
2 the run could not be made (bad option, unreadable contracts, target unreachable,
a state URL that cannot set up an entity, writes not allowed), or it stopped early
(Ctrl-C, --max-run-ms) before any check failed.`;

export const registerVerify: RegisterCommand = (program, context) => {
  const verify = program
    .command("verify")
    .description("Verify a server against the Pact contracts and the conformance rules P1–P10, E1–E14")
    .option("--base-url <url>", "the target, e.g. https://graph.example/beta (default: the embedded reference provider)")
    .option("--token <token>", `bearer token for the target (also ${TOKEN_ENV})`)
    .option("--token-file <file>", "read the bearer token from this file")
    .option("--token-command <command>", "run this shell command for the bearer token: at start, again when the target answers 401 to a token that had worked, and every --token-refresh-ms")
    .option("--token-refresh-ms <ms>", "with --token-command: run it again this often")
    .option("--state-url <url>", `provider-state URL of the target (default: <base-url>${PROVIDER_STATES_PATH})`)
    .option("--fixture <type=id>", "an existing entity to PATCH, for a target without a state URL (repeatable)", repeatable)
    .option("--path <operation-id=path>", "override an operation's path, e.g. industryData.runGroup.update=/industryData/runGroups/{id} (repeatable)", repeatable)
    .option("--only <ids>", "verify only these operation ids or rule ids (repeatable, or comma-separated)", repeatable)
    .option("--skip <ids>", "leave out these operation ids or rule ids (repeatable, or comma-separated)", repeatable)
    .option("--report-dir <dir>", `where junit.xml, results.json, report.html and exchanges.har go (default: ${DEFAULT_REPORT_DIR})`)
    .option("--timeout-ms <ms>", `time allowed for one request (default: ${DEFAULT_REQUEST_TIMEOUT_MS})`)
    .option("--seed <n>", "seed of the generated cases; printed on every run (default: random)")
    .option("--cases <n>", `generated cases per operation and rule (default: ${DEFAULT_CASES_PER_RULE})`)
    .option("--contracts <dir>", "directory of the Pact files to verify (default: the contracts/ of this package)")
    .option("--allow-writes", "allow the writes (POST, PATCH, provider-state setup) to a host that is not loopback")
    .option("--rate <n>", "send at most n requests per second (0.5: one every 2 s; default: no limit)")
    .option("--max-failures <n>", "stop after n failed checks; the run is marked incomplete")
    .option("--max-run-ms <ms>", `time allowed for the whole run, then it stops, marked incomplete (default: ${DEFAULT_MAX_RUN_MS})`)
    .option("--wait-for-target <ms>", "before the run, ask the target until it answers (any HTTP status) for up to ms; then exit 2 (default: ask once)")
    .option("--case <id>", "run only the check with this id, as printed with each failure (repeatable, or comma-separated)", repeatable)
    .option("--checks <ids>", "judge with only these checks (ids as in reports: status_code_conformance, …, pact_verification; repeatable or comma-separated)", repeatable)
    .option("--exclude-checks <ids>", "judge with every check but these (repeatable or comma-separated)", repeatable)
    .option("--rerun-failed <file>", "run again exactly the failed checks of an earlier run's results.json: the same bodies, in the same order, with its seed")
    .option("--baseline <file>", "failures that match an entry of this baseline are accepted: shown, counted apart, not failing")
    .option("--write-baseline <file>", "write this run's failures as a baseline (the run's exit status is unchanged)")
    .option("--insecure", "accept a TLS certificate that does not verify (self-signed); never the default")
    // The broker options (src/broker/brokerVerification.ts reads them into a pact source).
    .option("--broker-url <url>", "verify the pacts of both providers fetched from this Pact Broker instead of contracts/")
    .option("--consumer-version-selectors <json>", "JSON array of consumer version selectors (default: main branch, deployed or released, matching branch)")
    .option("--enable-pending", "pending pacts do not fail the run (broker: includePendingStatus)")
    .option("--include-wip-since <date>", "also verify work-in-progress pacts published since this date (YYYY-MM-DD)")
    .option("--publish-results", "post each pact's verification result to the broker (needs --provider-version)")
    .option("--provider-version <version>", "the version of the server under test, for published results")
    .option("--provider-branch <branch>", "the branch of the server under test, for published results and matchingBranch")
    .addHelpText("after", HELP_AFTER);
  verify.action((raw: RawVerifyOptions) => action<typeof import("./actions/verify")>("verify").verifyCommand(raw, context));
};
