/**
 * The last defensive step before anything leaves the process: every known secret
 * (the token) is replaced by `***` wherever it occurs, also in the forms it takes
 * once URL-encoded, base64-encoded, JSON-, markup- or shell-escaped. The runner
 * redacts on its own; this catches what slipped through.
 */

import { MIN_MASKED_SECRET_LENGTH } from "../http/redact";

export type Scrub = (text: string) => string;

export const SECRET_MASK = "***";

function encodedForms(secret: string): string[] {
  const base64 = Buffer.from(secret, "utf8").toString("base64");
  return [
    secret,
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%20/g, "+"),
    base64,
    base64.replace(/=+$/, ""),
    Buffer.from(secret, "utf8").toString("base64url"),
    JSON.stringify(secret).slice(1, -1),
    escapeMarkupForm(secret),
    secret.replace(/'/g, "'\\''"),
  ];
}

// The same escaping the HTML and JUnit writers apply (see ./markup.ts), repeated
// here so this module depends on nothing it protects.
function escapeMarkupForm(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function secretScrubber(secrets: readonly string[]): Scrub {
  const forms = [...new Set(secrets.filter((secret) => secret.length > 0).flatMap(encodedForms))]
    .filter((form) => form.length > 0)
    // Longest first, so a secret that contains another is replaced whole.
    .sort((a, b) => b.length - a.length);
  if (forms.length === 0) return (text) => text;
  const pattern = new RegExp(forms.map(escapeRegExp).join("|"), "g");
  return (text) => text.replace(pattern, SECRET_MASK);
}

/** The scrubber every reporter applies: every secret long enough to mask safely (see MIN_MASKED_SECRET_LENGTH). */
export function reportScrubber(secrets: readonly string[]): Scrub {
  return secretScrubber(secrets.filter((secret) => secret.length >= MIN_MASKED_SECRET_LENGTH));
}

/**
 * The value with every string value in it scrubbed. Keys are the results
 * model's own names (and header names, which carry no credentials), so they are
 * kept: masking a short secret inside them would break the model's structure.
 * Only what changed is copied, and the value itself is never modified: the
 * results of a run are mostly strings the scrub leaves as they are, and copying
 * all of them was most of the reports' garbage. Made for the JSON-shaped results
 * model: an object copied keeps its own enumerable members, not its prototype.
 */
export function scrubDeep<T>(value: T, scrub: Scrub): T {
  return scrubValue(value, scrub) as T;
}

function scrubValue(value: unknown, scrub: Scrub): unknown {
  if (typeof value === "string") return scrub(value);
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item: unknown, index) => {
      const scrubbed = scrubValue(item, scrub);
      if (scrubbed !== item) (copy ??= value.slice())[index] = scrubbed;
    });
    return copy ?? value;
  }
  if (value !== null && typeof value === "object") {
    let copy: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(value)) {
      const scrubbed = scrubValue(item, scrub);
      if (scrubbed !== item) (copy ??= { ...value })[key] = scrubbed;
    }
    return copy ?? value;
  }
  return value;
}
