import type { CheckResult } from "../../results/model";
import type { ContractInteraction } from "./contracts";
import type { PactRunOutcome } from "./protocol";

/**
 * Pacts the runner does not read up front but the Verifier fetches itself (a Pact
 * Broker's, src/broker/): the runner is given one and knows nothing else of where
 * they come from.
 */
export interface RemotePactSource {
  /** Where the pacts come from, for the start line. */
  description: string;
  /** One Verifier run per provider, with the Verifier options that fetch its pacts (plain JSON: they go to the worker). */
  runs: { file: string; provider: string; verifierOptions: Record<string, unknown> }[];
  /** The results of one run, named from the core's report (the interactions are known only from it). */
  results(run: PactRunOutcome, isSelected: (interaction: ContractInteraction) => boolean): CheckResult[];
  /** What the reports must mask (the source's credentials). */
  secrets: string[];
}
