import { brokerVerificationFrom, brokerVerifierOptions } from "../../src/broker/brokerVerification";
import { UsageError } from "../../src/exitCodes";

const BROKER = "https://broker.example";

function usageError(run: () => unknown): UsageError {
  try {
    run();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error("expected a UsageError");
}

describe("brokerVerificationFrom", () => {
  it("reads contracts/ (undefined) when no --broker-url is given", () => {
    expect(brokerVerificationFrom({}, { PACT_BROKER_BASE_URL: BROKER })).toBeUndefined();
  });

  it("defaults to main branch, deployed or released and matching branch selectors when a provider branch is given", () => {
    const verification = brokerVerificationFrom({ brokerUrl: BROKER, providerBranch: "feature/x" }, {});
    expect(verification?.consumerVersionSelectors).toEqual([{ mainBranch: true }, { deployedOrReleased: true }, { matchingBranch: true }]);
  });

  it("leaves matchingBranch out of the defaults without a provider branch, which the broker would reject", () => {
    const verification = brokerVerificationFrom({ brokerUrl: BROKER }, {});
    expect(verification?.consumerVersionSelectors).toEqual([{ mainBranch: true }, { deployedOrReleased: true }]);
  });

  it("passes user selectors through unchanged", () => {
    const selectors = [{ branch: "release", consumer: "graph-run-client" }, { deployed: true, environment: "production" }];
    expect(brokerVerificationFrom({ brokerUrl: BROKER, consumerVersionSelectors: JSON.stringify(selectors) }, {})?.consumerVersionSelectors).toEqual(selectors);
  });

  it.each([
    ["not JSON", "{mainBranch:true}", /--consumer-version-selectors is not valid JSON/],
    ["an object, not an array", '{"mainBranch":true}', /must be a non-empty JSON array of objects/],
    ["an empty array", "[]", /must be a non-empty JSON array of objects/],
    ["an array of strings", '["main"]', /must be a non-empty JSON array of objects/],
  ])("rejects selectors that are %s", (_label, json, message) => {
    expect(usageError(() => brokerVerificationFrom({ brokerUrl: BROKER, consumerVersionSelectors: json }, {})).message).toMatch(message);
  });

  it("requires --provider-version with --publish-results", () => {
    expect(usageError(() => brokerVerificationFrom({ brokerUrl: BROKER, publishResults: true }, {})).message).toMatch(/--publish-results needs --provider-version/);
    expect(brokerVerificationFrom({ brokerUrl: BROKER, publishResults: true, providerVersion: "abc" }, {})?.publishResults).toBe(true);
  });

  it.each([["2026-13-45"], ["yesterday"], ["2026-01-01; rm -rf"]])("rejects --include-wip-since %s", (date) => {
    expect(usageError(() => brokerVerificationFrom({ brokerUrl: BROKER, includeWipSince: date }, {})).message).toMatch(/--include-wip-since must be a date/);
  });

  it("rejects broker-only options without --broker-url", () => {
    expect(usageError(() => brokerVerificationFrom({ publishResults: true, providerVersion: "1" }, {})).message).toMatch(/--publish-results needs --broker-url/);
    expect(usageError(() => brokerVerificationFrom({ enablePending: true }, {})).message).toMatch(/--enable-pending needs --broker-url/);
  });

  it("rejects a broker URL that is not http(s)", () => {
    expect(usageError(() => brokerVerificationFrom({ brokerUrl: "file:///tmp/pacts" }, {})).message).toMatch(/must be http or https/);
  });
});

describe("brokerVerifierOptions", () => {
  it("maps every option onto the Pact Verifier's broker options, with the token from the environment", () => {
    const verification = brokerVerificationFrom(
      { brokerUrl: BROKER, enablePending: true, includeWipSince: "2026-01-31", publishResults: true, providerVersion: "abc123", providerBranch: "main" },
      { PACT_BROKER_TOKEN: "tok", PACT_BROKER_USERNAME: "ignored-when-a-token-is-set", PACT_BROKER_PASSWORD: "x" },
    )!;
    expect(brokerVerifierOptions(verification, "graph-beta-industryData")).toEqual({
      provider: "graph-beta-industryData",
      pactBrokerUrl: BROKER,
      pactBrokerToken: "tok",
      consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }, { matchingBranch: true }],
      enablePending: true,
      includeWipPactsSince: "2026-01-31",
      providerVersionBranch: "main",
      publishVerificationResult: true,
      providerVersion: "abc123",
    });
  });

  it("uses basic auth when no token is set, and publishes nothing unless asked", () => {
    const verification = brokerVerificationFrom({ brokerUrl: BROKER }, { PACT_BROKER_USERNAME: "u", PACT_BROKER_PASSWORD: "p" })!;
    const options = brokerVerifierOptions(verification, "graph-beta-identityGovernance");
    expect(options).toMatchObject({ pactBrokerUsername: "u", pactBrokerPassword: "p", enablePending: false });
    expect(options).not.toHaveProperty("publishVerificationResult");
    expect(options).not.toHaveProperty("pactBrokerToken");
    expect(options).not.toHaveProperty("providerVersion");
  });
});
