#!/usr/bin/env bash
# What a user gets: pack the project, install the tarball into an empty project
# with npm's defaults (no install scripts of dependencies), and run every command
# there, outside this checkout. Run by .ci/run; `npm run check:package` by hand.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

tarball="$(cd "$root" && npm pack --silent --pack-destination "$work" | tail -1)"
listing="$(tar -tzf "$work/$tarball")"
for wanted in package/dist/cli.js package/dist/index.d.ts package/dist/schemas/precompiledValidators.js package/schemas/ package/contracts/ package/apidocs/ package/openapi/ package/graph-conformance.config.schema.json package/graph-conformance.operations.schema.json package/examples/education/operations.json package/README.md package/LICENSE; do
  grep -q "^$wanted" <<<"$listing" || { echo "check-package: $wanted is missing from $tarball" >&2; exit 1; }
done
if grep -qE '^package/(specs|bench|src|scripts)/' <<<"$listing"; then echo "check-package: $tarball ships specs, bench, src or scripts" >&2; exit 1; fi

mkdir "$work/project"
cd "$work/project"
npm init -y >/dev/null
npm install --no-audit --no-fund --loglevel=error "$work/$tarball"
bin="$work/project/node_modules/.bin/graph-conformance"
expect_status() { # expected status, then the command
  local expected="$1"; shift
  set +e; "$@" >"$work/out.txt" 2>&1; local status=$?; set -e
  if [ "$status" != "$expected" ]; then echo "check-package: '$*' exited $status, expected $expected:" >&2; cat "$work/out.txt" >&2; exit 1; fi
}

npx --no-install graph-conformance --version
expect_status 0 "$bin" verify --cases 1 --report-dir out
test -s out/results.json -a -s out/junit.xml -a -s out/report.html
# The bin itself below, not npx: a signal to npx is not passed on to the server.
"$bin" serve --port 0 >"$work/serve.txt" &
serve_pid=$!
for _ in $(seq 1 50); do grep -q "^Reference provider:" "$work/serve.txt" 2>/dev/null && break; sleep 0.2; done
base_url="$(sed -n 's/^Reference provider: //p' "$work/serve.txt")"
expect_status 0 env GRAPH_CONFORMANCE_TOKEN=package-check-token "$bin" verify --base-url "$base_url" --cases 1 --only industryData.run.update
kill "$serve_pid"
wait "$serve_pid"
# Our drafts have real defects: lint-docs finds errors (exit 1) in the installed package's pages.
expect_status 1 "$bin" lint-docs
grep -q "industrydata-run-update.md" "$work/out.txt"
echo '{"displayName": "Nightly"}' >body.json
expect_status 0 "$bin" validate industryData.run.update request body.json
expect_status 0 "$bin" openapi --out openapi.json
expect_status 0 "$bin" compare
expect_status 2 env -u PACT_BROKER_BASE_URL "$bin" publish --consumer-version 1.0.0
expect_status 2 env -u PACT_BROKER_BASE_URL "$bin" can-i-deploy --pacticipant graph-run-client --version 1.0.0
echo '{"cases": 1, "reportDir": "from-config"}' >graph-conformance.config.json
expect_status 0 "$bin" verify --only E4
test -s from-config/results.json
# An operation added without a fork: the worked example, from the installed package.
example="$work/project/node_modules/graph-conformance/examples/education/operations.json"
expect_status 0 "$bin" verify --operations "$example" --only education.class.update --cases 1 --report-dir added
grep -q "education.class.update" added/results.json
node -e '
const gc = require("graph-conformance");
if (gc.schemaRegistry().ids.length === 0) throw new Error("no schemas");
for (const name of ["verify", "startReferenceProvider", "buildReferenceProvider", "summarize"]) if (typeof gc[name] !== "function") throw new Error(name + " is not exported");
require("graph-conformance/provider"); require("graph-conformance/schemas"); require("graph-conformance/runner");
gc.verify({ cases: 1, only: ["industryData.run.update"] }).then((results) => {
  const summary = gc.summarize(results.checks);
  if (summary.failed !== 0 || summary.passed === 0) throw new Error(`library verify: ${JSON.stringify(summary)}`);
});
'
echo "check-package: $tarball installs and every command works outside the checkout"
