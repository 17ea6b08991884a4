import { EXIT_FAILURES, EXIT_OK, EXIT_UNUSABLE, UsageError } from "../exitCodes";
import { createConsoleReporter, writeReports, type ConsoleReporter } from "../report";
import { summarize } from "../results/model";
import { DEFAULT_CASES_PER_RULE, DEFAULT_REPORT_DIR, resolveVerifyOptions, TOKEN_ENV, type RawVerifyOptions } from "../verify/options";
import type { RunResults } from "../results/model";
import { runVerify, RunNotMade } from "../verify/run";
import { DEFAULT_MAX_RUN_MS, DEFAULT_REQUEST_TIMEOUT_MS } from "../safety/limits";
import { describeRetry } from "../safety/retryPolicy";
import { handleInterrupts, RunControl } from "../safety/runControl";
import type { RegisterCommand } from "./command";
import { addBrokerVerifyOptions } from "../broker/brokerVerification";
import { displayUrl } from "../broker/brokerSettings";

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

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
  addBrokerVerifyOptions(program.command("verify"))
    .description("Verify a server against the Pact contracts and the conformance rules P1–P10, E1–E14")
    .option("--base-url <url>", "the target, e.g. https://graph.example/beta (default: the embedded reference provider)")
    .option("--token <token>", `bearer token for the target (also ${TOKEN_ENV})`)
    .option("--token-file <file>", "read the bearer token from this file")
    .option("--state-url <url>", "provider-state URL of the target (default: <base-url>/_pact/provider-states)")
    .option("--fixture <type=id>", "an existing entity to PATCH, for a target without a state URL (repeatable)", collect)
    .option("--path <operation-id=path>", "override an operation's path, e.g. industryData.runGroup.update=/industryData/runGroups/{id} (repeatable)", collect)
    .option("--only <ids>", "verify only these operation ids or rule ids (repeatable, or comma-separated)", collect)
    .option("--skip <ids>", "leave out these operation ids or rule ids (repeatable, or comma-separated)", collect)
    .option("--report-dir <dir>", `where junit.xml, results.json and report.html go (default: ${DEFAULT_REPORT_DIR})`)
    .option("--timeout-ms <ms>", `time allowed for one request (default: ${DEFAULT_REQUEST_TIMEOUT_MS})`)
    .option("--seed <n>", "seed of the generated cases; printed on every run (default: random)")
    .option("--cases <n>", `generated cases per operation and rule (default: ${DEFAULT_CASES_PER_RULE})`)
    .option("--contracts <dir>", "directory of the Pact files to verify (default: the contracts/ of this package)")
    .option("--allow-writes", "allow the writes (POST, PATCH, provider-state setup) to a host that is not loopback")
    .option("--rate <n>", "send at most n requests per second (0.5: one every 2 s; default: no limit)")
    .option("--max-failures <n>", "stop after n failed checks; the run is marked incomplete")
    .option("--max-run-ms <ms>", `time allowed for the whole run, then it stops, marked incomplete (default: ${DEFAULT_MAX_RUN_MS})`)
    .option("--insecure", "accept a TLS certificate that does not verify (self-signed); never the default")
    .addHelpText("after", HELP_AFTER)
    .action(async (raw: RawVerifyOptions) => {
      const options = resolveVerifyOptions(raw, context.env, context.cwd);
      const secrets = [options.token, ...(options.broker?.secrets ?? [])];
      const tty = (context.stdout as { isTTY?: boolean }).isTTY === true;
      const reporter: ConsoleReporter = createConsoleReporter(context.stdout, { tty, secrets });
      const write = async (results: RunResults) => {
        try {
          const paths = await writeReports(results, options.reportDir, { secrets });
          context.stdout.write(`reports: ${paths.junit}, ${paths.json}, ${paths.html}\n`);
        } catch (error) {
          throw new UsageError(`the reports could not be written to ${options.reportDir}: ${(error as Error).message}`);
        }
      };
      const control = new RunControl({ maxRunMs: options.maxRunMs, maxFailures: options.maxFailures });
      const stopHandlingInterrupts = handleInterrupts(control, { stderr: context.stderr });
      let results: RunResults;
      try {
        results = await runVerify(options, {
          onStart(plan) {
            const where = plan.embedded ? `${plan.baseUrl} (embedded reference provider)` : plan.baseUrl;
            context.stdout.write(
              `graph-conformance verify ${where}\nseed ${plan.seed} (re-run with --seed ${plan.seed}), ${plan.casesPerRule} generated cases per rule: ${plan.cases} cases, ${options.broker ? `the pacts from ${displayUrl(options.broker.brokerUrl)}` : `${plan.interactions} Pact interactions`}\n`,
            );
          },
          onCheckFinished: (result) => reporter.onCheckFinished(result),
          onRetry: (request, retry) => context.stderr.write(`graph-conformance: ${request.method} ${request.url}: ${describeRetry(retry)}\n`),
        }, control);
        reporter.printSummary(results);
        await write(results);
      } catch (error) {
        // A run that could not be made still leaves reports saying why.
        if (error instanceof RunNotMade) await write(error.results);
        throw error;
      } finally {
        stopHandlingInterrupts();
      }
      const failed = summarize(results.checks).failed > 0;
      context.setExitCode(failed ? EXIT_FAILURES : results.incomplete !== undefined ? EXIT_UNUSABLE : EXIT_OK);
    });
};
