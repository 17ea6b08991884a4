/**
 * `verify --broker-url …`: the broker options of the verify command, checked and
 * mapped onto the official Pact Verifier's options. The Verifier (its native
 * core) fetches the pacts for verification, and posts each pact's result when
 * asked to; nothing here talks to the broker itself.
 */
import type { VerifierOptions } from "@pact-foundation/pact-core/src/verifier/types";
import { UsageError } from "../exitCodes";
import { providerNames, type ProviderName } from "../catalog";
import { displayUrl, resolveBrokerSettings } from "./brokerSettings";
import { brokerPactResults } from "./reportedInteractions";
import type { RemotePactSource } from "../verify/pact/source";
import type { RawVerifyOptions } from "../verify/options";

/** What commander collects for the broker options of verify (src/commands/verify.ts). */
export type BrokerVerifyCliOptions = Pick<RawVerifyOptions, "brokerUrl" | "consumerVersionSelectors" | "enablePending" | "includeWipSince" | "publishResults" | "providerVersion" | "providerBranch">;

export type ConsumerVersionSelector = NonNullable<VerifierOptions["consumerVersionSelectors"]>[number];

export interface BrokerVerification {
  brokerUrl: string;
  consumerVersionSelectors: ConsumerVersionSelector[];
  enablePending: boolean;
  includeWipPactsSince?: string;
  publishResults: boolean;
  providerVersion?: string;
  providerBranch?: string;
  auth: { pactBrokerToken: string } | { pactBrokerUsername: string; pactBrokerPassword: string } | Record<string, never>;
  /** The broker credentials, for the reporters to mask. */
  secrets: string[];
}

/**
 * The recommended selectors (docs.pact.io, "Recommended configuration"). The broker
 * rejects `matchingBranch` without a provider branch, so the default leaves it
 * out when no --provider-branch is given.
 */
export function defaultConsumerVersionSelectors(providerBranch: string | undefined): ConsumerVersionSelector[] {
  return [{ mainBranch: true }, { deployedOrReleased: true }, ...(providerBranch ? [{ matchingBranch: true }] : [])];
}

/** The broker-only options that make no sense without --broker-url. */
const BROKER_ONLY: ReadonlyArray<[keyof BrokerVerifyCliOptions, string]> = [
  ["consumerVersionSelectors", "--consumer-version-selectors"],
  ["enablePending", "--enable-pending"],
  ["includeWipSince", "--include-wip-since"],
  ["publishResults", "--publish-results"],
  ["providerVersion", "--provider-version"],
  ["providerBranch", "--provider-branch"],
];

function parseSelectors(json: string): ConsumerVersionSelector[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new UsageError(`--consumer-version-selectors is not valid JSON: ${(error as Error).message}`);
  }
  // Only the shape is checked: the broker owns the selector rules and reports a bad selector itself.
  if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((selector) => typeof selector === "object" && selector !== null && !Array.isArray(selector))) {
    throw new UsageError('--consumer-version-selectors must be a non-empty JSON array of objects, e.g. [{"mainBranch":true}]');
  }
  return parsed as ConsumerVersionSelector[];
}

function parseWipSince(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(date) || Number.isNaN(Date.parse(date))) {
    throw new UsageError(`--include-wip-since must be a date like 2026-01-31, got ${JSON.stringify(date)}`);
  }
  return date;
}

/**
 * The broker verification the options ask for, or undefined when verify should
 * read contracts/. Throws UsageError (exit 2) for options that cannot work.
 */
export function brokerVerificationFrom(options: BrokerVerifyCliOptions & { contracts?: string; fixture?: readonly string[] }, env: NodeJS.ProcessEnv): BrokerVerification | undefined {
  if (options.brokerUrl === undefined) {
    const stray = BROKER_ONLY.find(([key]) => options[key] !== undefined);
    if (stray) throw new UsageError(`${stray[1]} needs --broker-url`);
    return undefined;
  }
  if (options.contracts !== undefined) throw new UsageError("give --broker-url or --contracts, not both: the pacts come from one place");
  // Fixture ids are written into copies of local pacts; the broker's pacts are verified as published.
  if ((options.fixture ?? []).length > 0) throw new UsageError("--fixture cannot be used with --broker-url: the broker's pacts need a target with a state URL");
  const settings = resolveBrokerSettings(options.brokerUrl, env);
  if (options.publishResults && !options.providerVersion) {
    throw new UsageError("--publish-results needs --provider-version (the version of the server under test)");
  }
  const auth: BrokerVerification["auth"] =
    settings.auth === "token"
      ? { pactBrokerToken: settings.clientEnv.PACT_BROKER_TOKEN! }
      : settings.auth === "basic"
        ? { pactBrokerUsername: settings.clientEnv.PACT_BROKER_USERNAME!, pactBrokerPassword: settings.clientEnv.PACT_BROKER_PASSWORD! }
        : {};
  return {
    brokerUrl: settings.baseUrl,
    consumerVersionSelectors:
      options.consumerVersionSelectors !== undefined ? parseSelectors(options.consumerVersionSelectors) : defaultConsumerVersionSelectors(options.providerBranch),
    enablePending: options.enablePending === true,
    ...(options.includeWipSince !== undefined ? { includeWipPactsSince: parseWipSince(options.includeWipSince) } : {}),
    publishResults: options.publishResults === true,
    ...(options.providerVersion !== undefined ? { providerVersion: options.providerVersion } : {}),
    ...(options.providerBranch !== undefined ? { providerBranch: options.providerBranch } : {}),
    auth,
    secrets: settings.secrets,
  };
}

/**
 * The Verifier options that fetch one provider's pacts from the broker in place
 * of `pactUrls`, and publish its results when asked. The credentials go to the
 * in-process native verifier, never to a command line.
 */
export function brokerVerifierOptions(verification: BrokerVerification, provider: ProviderName): Omit<VerifierOptions, "providerBaseUrl"> {
  return {
    provider,
    pactBrokerUrl: verification.brokerUrl,
    ...verification.auth,
    consumerVersionSelectors: verification.consumerVersionSelectors,
    enablePending: verification.enablePending,
    ...(verification.includeWipPactsSince !== undefined ? { includeWipPactsSince: verification.includeWipPactsSince } : {}),
    ...(verification.providerBranch !== undefined ? { providerVersionBranch: verification.providerBranch } : {}),
    // The core's option check asks for providerVersion whenever the key is present, even when false.
    ...(verification.publishResults ? { publishVerificationResult: true } : {}),
    ...(verification.providerVersion !== undefined ? { providerVersion: verification.providerVersion } : {}),
  };
}

/** One Verifier run per provider; `file` names where its pacts come from, for messages. */
export function brokerPactSources(verification: BrokerVerification): { file: string; provider: ProviderName }[] {
  return providerNames().map((provider) => ({ file: `the pacts for ${provider} from the Pact Broker at ${displayUrl(verification.brokerUrl)}`, provider }));
}

/** The pact source `--broker-url` asks for, as the runner is given it; undefined without --broker-url. */
export function brokerPactSource(options: BrokerVerifyCliOptions & { contracts?: string; fixture?: readonly string[] }, env: NodeJS.ProcessEnv): RemotePactSource | undefined {
  const verification = brokerVerificationFrom(options, env);
  if (verification === undefined) return undefined;
  return {
    description: `the pacts from ${displayUrl(verification.brokerUrl)}`,
    runs: brokerPactSources(verification).map((source) => ({ ...source, verifierOptions: { ...brokerVerifierOptions(verification, source.provider) } })),
    results: brokerPactResults,
    secrets: verification.secrets,
  };
}
