#!/usr/bin/env node
// Runs the built JavaScript (dist/, made by `npm run build`; `npm ci` and `npm pack` build it).
// For `verify`, the Pact worker is forked before the CLI loads (src/verify/pact/workerProcess.ts).
const worker = process.argv[2] === "verify" ? require("../dist/verify/pact/workerProcess.js") : undefined;
worker?.prestartPactWorker();
require("../dist/cli.js")
  .main(process.argv)
  .then((code) => {
    worker?.disposePrestartedPactWorker();
    process.exitCode = code;
  });
