#!/usr/bin/env node
// Runs the built JavaScript (dist/, made by `npm run build`; `npm ci` and `npm pack` build it).
require("../dist/cli.js")
  .main(process.argv)
  .then((code) => {
    process.exitCode = code;
  });
