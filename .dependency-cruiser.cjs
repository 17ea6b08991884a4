/**
 * The one-way flow of the architecture (README "Architecture"), checked in CI by
 * `npm run check:flow`: pages → schemas/manifest → contracts → runner → results →
 * reports. A module never reaches back upstream, and no import cycle exists.
 */
const layer = (name) => `^src/${name}(/|\\.ts$)`;

module.exports = {
  forbidden: [
    { name: "no-cycles", severity: "error", comment: "an import cycle ties modules that should depend one way", from: { path: "^src/" }, to: { circular: true } },
    {
      name: "schemas-stay-upstream",
      severity: "error",
      comment: "the schema registry, the manifest and the catalog built from them are the source of facts: they import nothing downstream",
      from: { path: [layer("schemas"), layer("operations"), layer("catalog"), layer("rules")] },
      to: { path: [layer("docs"), layer("contracts"), layer("provider"), layer("verify"), layer("checks"), layer("report"), layer("broker"), layer("commands"), layer("openapi"), layer("faults")] },
    },
    {
      name: "results-and-reports-downstream",
      severity: "error",
      comment: "results and reports read what the runner produced; they never call the runner, the provider or the contracts",
      from: { path: [layer("results"), layer("report")] },
      to: { path: [layer("verify"), layer("provider"), layer("contracts"), layer("broker"), layer("commands"), layer("faults")] },
    },
    {
      name: "checks-are-pure",
      severity: "error",
      comment: "checks judge exchanges handed to them: no HTTP, no runner, no provider",
      from: { path: layer("checks") },
      to: { path: [layer("verify"), layer("provider"), layer("http"), layer("report"), layer("commands"), layer("broker")] },
    },
    {
      name: "provider-knows-no-runner",
      severity: "error",
      comment: "the reference provider implements the rules; it must not depend on what tests it",
      from: { path: layer("provider") },
      to: { path: [layer("verify"), layer("checks"), layer("report"), layer("commands"), layer("faults"), layer("broker")] },
    },
    {
      name: "runner-knows-no-broker",
      severity: "error",
      comment: "the broker is a pact source the runner is given (verify/pact/source.ts); the runner never imports it",
      from: { path: layer("verify") },
      to: { path: layer("broker") },
    },
    {
      name: "commands-on-top",
      severity: "error",
      comment: "only the CLI and the commands may import the commands",
      from: { path: "^src/", pathNot: ["^src/commands/", "^src/cli\\.ts$"] },
      to: { path: layer("commands") },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
  },
};
