/**
 * The test command of `npm run mutation` (stryker.config.json): one `verify` against
 * the embedded reference provider, run from the sources so that Stryker's mutated
 * copy of src/provider/ is what answers (dist/ would hold the unmutated build).
 * Exit 0 lets the mutant survive; any failure (1) or a run not made (2) kills it.
 * A fixed seed and a small --cases keep a mutant's run to a few seconds and the
 * verdicts reproducible.
 */
import { main } from "../src/cli";

void main(["node", "graph-conformance", "verify", "--seed", "20260601", "--cases", "2", "--report-dir", "reports/mutation/last-verify"]).then((code) => {
  process.exitCode = code;
});
