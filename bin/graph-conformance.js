#!/usr/bin/env node
// Runs the built JavaScript (dist/, made by `npm run build`; `npm ci` and `npm pack` build it).
// For `verify`, the Pact worker is forked first, so it loads on the other core while
// the CLI loads on this one (dist/verify/pact/workerProcess.js); one no run takes is ended.
const worker = process.argv[2] === "verify" ? require("../dist/verify/pact/workerProcess.js") : undefined;
worker?.prestartPactWorker();
require("../dist/cli.js")
  .main(process.argv)
  .then((code) => {
    worker?.disposePrestartedPactWorker();
    process.exitCode = code;
  });
