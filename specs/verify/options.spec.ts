import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { UsageError } from "../../src/exitCodes";
import { isSelected, resolveVerifyOptions, type RawVerifyOptions } from "../../src/verify/options";

const cwd = os.tmpdir();
const base = { baseUrl: "https://graph.example/beta/", token: "tkn-1234" };

function resolve(raw: RawVerifyOptions) {
  return resolveVerifyOptions(raw, cwd);
}

function reason(raw: RawVerifyOptions): string {
  try {
    resolve(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error("expected a UsageError");
}

describe("resolveVerifyOptions", () => {
  it("fills every default", () => {
    const options = resolve({});
    expect(options).toMatchObject({ fixtures: {}, pathOverrides: {}, reportDir: path.join(cwd, "reports"), timeoutMs: 10_000, casesPerRule: 3 });
    expect(options.contractsDir).toBeUndefined();
    expect(options.baseUrl).toBeUndefined();
    expect(options.token.length).toBeGreaterThanOrEqual(24);
    expect(Number.isInteger(options.seed)).toBe(true);
  });

  it("keeps a base URL's path prefix without its trailing slash, and reads the numbers", () => {
    const options = resolve({ ...base, seed: "42", cases: "0", timeoutMs: "250", reportDir: "out" });
    expect(options).toMatchObject({ baseUrl: "https://graph.example/beta", seed: 42, casesPerRule: 0, timeoutMs: 250, reportDir: path.join(cwd, "out") });
  });

  it("takes the token from --token or --token-file", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "gc-token-")), "token");
    fs.writeFileSync(file, "from-file-5678\n");
    expect(resolve({ baseUrl: base.baseUrl, tokenFile: file }).token).toBe("from-file-5678");
    expect(reason({ ...base, tokenFile: file })).toMatch(/give the token once: --token, --token-file or --token-command, not two of them/);
    expect(reason({ baseUrl: base.baseUrl, tokenFile: path.join(cwd, "no-such-token-file") })).toMatch(/cannot be read \(ENOENT\)/);
  });

  it("refuses a target without a token, and a token with spaces", () => {
    expect(reason({ baseUrl: base.baseUrl })).toMatch(/no token for https:\/\/graph.example\/beta/);
    expect(reason({ ...base, token: "two words" })).toMatch(/one word/);
  });

  it("reads fixtures and path overrides", () => {
    const options = resolve({ ...base, fixture: ["industryData.run=run-7"], path: ["industryData.runGroup.update=/groups/{id}", "industryData.runGroup.create=/groups"] });
    expect(options.fixtures).toEqual({ "industryData.run": "run-7" });
    expect(options.pathOverrides).toEqual({ "industryData.runGroup.update": "/groups/{id}", "industryData.runGroup.create": "/groups" });
  });

  it.each([
    [{ baseUrl: "ftp://host" }, /http or https/],
    [{ baseUrl: "not a url" }, /absolute http\(s\) URL/],
    [{ ...base, baseUrl: "https://user:pw@host" }, /credentials/],
    [{ ...base, fixture: ["industryData.job=1"] }, /unknown type "industryData.job"/],
    [{ ...base, fixture: ["industryData.run"] }, /<type>=<id>/],
    [{ ...base, path: ["industryData.run.update=/runs"] }, /must hold \{id\}/],
    [{ ...base, path: ["industryData.runGroup.create=/groups/{id}"] }, /POST path has no \{id\}/],
    [{ ...base, path: ["nope=/x/{id}"] }, /unknown operation "nope"/],
    [{ ...base, only: ["P1,X9"] }, /"X9" is neither an operation id nor a rule id/],
    [{ ...base, seed: "-1" }, /--seed must be a whole number/],
    [{ ...base, cases: "many" }, /--cases must be a whole number/],
    [{ ...base, timeoutMs: "0" }, /--timeout-ms must be a whole number from 1/],
    [{ stateUrl: "http://127.0.0.1:1/state" }, /--state-url needs --base-url/],
    [{ fixture: ["industryData.run=1"] }, /--fixture needs --base-url/],
    [{ ...base, skip: ["industryData.runGroup.create", "industryData.runGroup.update", "industryData.run.update", "industryData.outgoingFlowRun.update", "identityGovernance.run.update"] }, /leave no operation/],
  ] as [RawVerifyOptions, RegExp][])("refuses %j", (raw, expected) => {
    expect(reason(raw)).toMatch(expected);
  });
});

describe("isSelected", () => {
  it("combines --only and --skip over operation ids and rule ids", () => {
    const options = resolve({ ...base, only: ["industryData.run.update,identityGovernance.run.update", "E4"], skip: ["identityGovernance.run.update"] });
    expect(isSelected(options, "industryData.run.update", "E4")).toBe(true);
    expect(isSelected(options, "industryData.run.update", "P1")).toBe(false);
    expect(isSelected(options, "industryData.run.update")).toBe(false);
    expect(isSelected(options, "identityGovernance.run.update", "E4")).toBe(false);
    expect(isSelected(options, "industryData.runGroup.update", "E4")).toBe(false);
    const skipOnly = resolve({ ...base, skip: ["P2"] });
    expect(isSelected(skipOnly, "industryData.run.update", "P2")).toBe(false);
    expect(isSelected(skipOnly, "industryData.run.update")).toBe(true);
  });
});
