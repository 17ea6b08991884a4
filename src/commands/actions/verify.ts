import fs from "node:fs";
import path from "node:path";
import { baselineOf } from "../../verify/baseline";
import { EXIT_FAILURES, EXIT_OK, EXIT_UNUSABLE, UsageError } from "../../exitCodes";
import { createConsoleReporter, writeReports, type ConsoleReporter } from "../../report";
import { summarize, type RunResults } from "../../results/model";
import { resolveVerifyOptions, type RawVerifyOptions } from "../../verify/options";
import { credentialsFor, runVerify, RunNotMade } from "../../verify/run";
import { describeRetry } from "../../safety/retryPolicy";
import { handleInterrupts, RunControl } from "../../safety/runControl";
import { brokerPactSource } from "../../broker/brokerVerification";
import type { CommandContext } from "../command";

/** `--write-baseline`: this run's failures as a baseline; the run's own exit status is unchanged. */
function writeBaselineFile(file: string, results: RunResults, context: CommandContext): void {
  const baseline = baselineOf(results);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(baseline, null, 2)}\n`);
  } catch (error) {
    throw new UsageError(`--write-baseline ${file} cannot be written: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  context.stdout.write(`baseline: ${file} (${baseline.entries.length} entries; fill in each reason)\n`);
}

/** `verify`: the run, its live console lines and its reports. */
export async function verifyCommand(raw: RawVerifyOptions, context: CommandContext): Promise<void> {
  const options = resolveVerifyOptions(raw, context.cwd, brokerPactSource(raw, context.env));
  const control = new RunControl({ maxRunMs: options.maxRunMs, maxFailures: options.maxFailures });
  const credentials = await credentialsFor(options, control);
  // Every token the run held, renewed ones included, is masked in the reports.
  const secrets = [...credentials.all(), ...(options.remotePacts?.secrets ?? [])];
  const tty = (context.stdout as { isTTY?: boolean }).isTTY === true;
  const reporter: ConsoleReporter = createConsoleReporter(context.stdout, { tty, secrets });
  const write = async (results: RunResults) => {
    try {
      const paths = await writeReports(results, options.reportDir, { secrets: [...credentials.all(), ...(options.remotePacts?.secrets ?? [])] });
      context.stdout.write(`reports: ${paths.junit}, ${paths.json}, ${paths.html}, ${paths.har}\n`);
    } catch (error) {
      throw new UsageError(`the reports could not be written to ${options.reportDir}: ${(error as Error).message}`);
    }
  };
  const stopHandlingInterrupts = handleInterrupts(control, { stderr: context.stderr });
  let results: RunResults;
  try {
    results = await runVerify(options, {
      onStart(plan) {
        const where = plan.embedded ? `${plan.baseUrl} (embedded reference provider)` : plan.baseUrl;
        context.stdout.write(
          `graph-conformance verify ${where}\nseed ${plan.seed} (re-run with --seed ${plan.seed}), ${plan.casesPerRule} generated cases per rule: ${plan.cases} cases, ${options.remotePacts ? options.remotePacts.description : `${plan.interactions} Pact interactions`}\n`,
        );
      },
      onCheckFinished: (result) => reporter.onCheckFinished(result),
      onRetry: (request, retry) => context.stderr.write(`graph-conformance: ${request.method} ${request.url}: ${describeRetry(retry)}\n`),
    }, control, credentials);
    reporter.printSummary(results);
    await write(results);
    if (options.writeBaseline) writeBaselineFile(options.writeBaseline, results, context);
  } catch (error) {
    // A run that could not be made still leaves reports saying why.
    if (error instanceof RunNotMade) await write(error.results);
    throw error;
  } finally {
    credentials.stop();
    stopHandlingInterrupts();
  }
  const failed = summarize(results.checks).failed > 0;
  context.setExitCode(failed ? EXIT_FAILURES : results.incomplete !== undefined ? EXIT_UNUSABLE : EXIT_OK);
}
