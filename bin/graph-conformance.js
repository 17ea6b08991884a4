#!/usr/bin/env node
// Runs the TypeScript sources directly, so a checkout needs no build step after `npm ci`.
require("esbuild-register/dist/node").register({ target: "node20" });
require("../src/cli.ts")
  .main(process.argv)
  .then((code) => {
    process.exitCode = code;
  });
