// `npm run mutation`: how much of the reference provider's rule policies `verify`
// pins down, measured by a tool nobody here wrote. Each mutant is judged by one
// verify run against the embedded provider (scripts/mutation-verify.ts), which runs
// the mutated sources; scripts/mutation-summary.ts then prints the score per file,
// with and without StringLiteral mutants (messages, which no rule fixes).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: "npm",
  testRunner: "command",
  commandRunner: { command: "node -r esbuild-register scripts/mutation-verify.ts" },
  // The rule policies (behaviour.ts, whose score the README's goal counts), and,
  // for what their survivors say rules.md leaves open, the Graph errors they raise,
  // the routes that sequence them, the provider-state hook of rules.md §5 and the
  // token mode (set-up, not a rule: E1 leaves a made-up token open).
  mutate: ["src/provider/behaviour.ts", "src/provider/errors.ts", "src/provider/routes.ts", "src/provider/states.ts", "src/provider/tokenMode.ts"],
  // The command runner cannot tell which test covers a mutant: every mutant gets a full run.
  coverageAnalysis: "off",
  concurrency: 2,
  timeoutMS: 20000,
  reporters: ["html", "json", "clear-text", "progress"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  tempDirName: ".stryker-tmp",
};
