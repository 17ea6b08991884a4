/**
 * Where the Pact Broker is and how to authenticate with it, from `--broker-url`
 * and the standard `PACT_BROKER_*` variables. Credentials only ever travel in the
 * environment of the official client's process: argv is visible to every user
 * of the machine (`ps`), and nothing here writes them out.
 */
import { UsageError } from "../exitCodes";
import { parseHttpUrl } from "../httpUrl";

export type BrokerAuth = "token" | "basic" | "none";

export interface BrokerSettings {
  baseUrl: string;
  auth: BrokerAuth;
  /** The environment for the `pact-broker` process: URL and the one chosen credential. */
  clientEnv: NodeJS.ProcessEnv;
  /** Values that must never appear in anything we print. */
  secrets: string[];
}

/**
 * The official client retries a refused connection with exponential back-off,
 * eight times by default (about a minute). A few retries still ride out a
 * broker restart while an unreachable URL fails in about two seconds.
 * `PACT_BROKER_HTTP_RETRIES` overrides it.
 */
const DEFAULT_HTTP_RETRIES = "3";

const CREDENTIAL_VARIABLES = ["PACT_BROKER_TOKEN", "PACT_BROKER_USERNAME", "PACT_BROKER_PASSWORD"] as const;

/** The URL without any user:password part, for messages. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = "";
    parsed.password = "";
    return parsed.toString();
  } catch {
    return "(invalid URL)";
  }
}

function brokerUrlFrom(optionUrl: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const url = optionUrl ?? env.PACT_BROKER_BASE_URL;
  if (url === undefined || url.trim() === "") return undefined;
  parseHttpUrl(url, "the Pact Broker URL", displayUrl(url));
  return url;
}

function credentialsFrom(env: NodeJS.ProcessEnv): { auth: BrokerAuth; variables: Partial<Record<(typeof CREDENTIAL_VARIABLES)[number], string>> } {
  const token = env.PACT_BROKER_TOKEN;
  if (token) return { auth: "token", variables: { PACT_BROKER_TOKEN: token } };
  const username = env.PACT_BROKER_USERNAME;
  const password = env.PACT_BROKER_PASSWORD;
  if (username && password === undefined) throw new UsageError("PACT_BROKER_USERNAME is set but PACT_BROKER_PASSWORD is not");
  if (!username && password) throw new UsageError("PACT_BROKER_PASSWORD is set but PACT_BROKER_USERNAME is not");
  if (username) return { auth: "basic", variables: { PACT_BROKER_USERNAME: username, PACT_BROKER_PASSWORD: password } };
  return { auth: "none", variables: {} };
}

function secretsOf(url: string | undefined, env: NodeJS.ProcessEnv): string[] {
  const secrets = [env.PACT_BROKER_TOKEN, env.PACT_BROKER_PASSWORD];
  if (url) {
    const parsed = new URL(url);
    if (parsed.password) secrets.push(parsed.password, decodeURIComponent(parsed.password));
  }
  return secrets.filter((secret): secret is string => typeof secret === "string" && secret.length > 0);
}

/**
 * Broker settings for a command. `required` is false when the user may instead
 * hand the URL to the client directly (can-i-deploy's own `--broker-base-url`);
 * then `baseUrl` may be empty.
 */
export function resolveBrokerSettings(optionUrl: string | undefined, env: NodeJS.ProcessEnv, required = true): BrokerSettings {
  const baseUrl = brokerUrlFrom(optionUrl, env);
  if (baseUrl === undefined && required) {
    throw new UsageError("no Pact Broker URL: pass --broker-url or set PACT_BROKER_BASE_URL");
  }
  const { auth, variables } = credentialsFrom(env);
  const clientEnv: NodeJS.ProcessEnv = { ...env };
  for (const name of CREDENTIAL_VARIABLES) delete clientEnv[name];
  Object.assign(clientEnv, variables);
  if (baseUrl !== undefined) clientEnv.PACT_BROKER_BASE_URL = baseUrl;
  clientEnv.PACT_BROKER_HTTP_RETRIES ??= DEFAULT_HTTP_RETRIES;
  return { baseUrl: baseUrl ?? "", auth, clientEnv, secrets: secretsOf(baseUrl, env) };
}

/** Replaces every secret in text, so client output can be shown safely. */
export function redact(text: string, secrets: readonly string[]): string {
  return secrets.reduce((redacted, secret) => redacted.split(secret).join("***"), text);
}
