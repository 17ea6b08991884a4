/**
 * Secrets never leave the process: the Authorization value is replaced when an
 * exchange is recorded, and any echo of a secret in what a server sends back is
 * masked, so no report, log or curl line can carry a token.
 */

const MASK = "***";

/**
 * An Authorization value as recorded: its scheme kept, its credential masked
 * (`Bearer ***`, `Basic ***`); one without a credential (E1's `Bearer `) is kept
 * as sent, since it holds nothing to hide and is what the case is about.
 */
function redactedCredential(value: string): string {
  const scheme = /^(\S+)\s+\S/.exec(value)?.[1];
  if (scheme) return `${scheme} ${MASK}`;
  // A scheme alone, or nothing: no credential to hide. A bare word may be a token.
  return value.trim() === "" || /^bearer$/i.test(value.trim()) ? value : MASK;
}

/** Header names lower-case; the Authorization credential masked. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const recorded: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    recorded[lower] = lower === "authorization" || lower === "proxy-authorization" ? redactedCredential(value) : value;
  }
  return recorded;
}

/** The credential of an Authorization header (`Bearer abc` → `abc`), to mask it wherever it is echoed. */
export function credentialOf(headers: Record<string, string>): string | undefined {
  const entry = Object.entries(headers).find(([name]) => name.toLowerCase() === "authorization");
  if (!entry) return undefined;
  const credential = entry[1].replace(/^\S+\s+/, "");
  return credential.length > 0 ? credential : undefined;
}

/**
 * A secret shorter than this is masked only in Authorization headers: masking a
 * token like "test" wherever it occurs would rewrite ordinary words ("con***"),
 * statuses and markup in what is recorded and reported.
 */
export const MIN_MASKED_SECRET_LENGTH = 8;

export function maskSecrets(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_MASKED_SECRET_LENGTH) masked = masked.split(secret).join(MASK);
  }
  return masked;
}
