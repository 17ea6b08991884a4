/**
 * Pact files of a chosen size for the Pact scaling benchmark (bench/run.ts): one
 * interaction of a committed contract repeated N times, each copy a distinct
 * interaction with its own description and its own entity (provider-state id,
 * path and echoed id), so the verifier sets up, sends and tears down N times.
 */

export interface PactDocument {
  consumer: { name: string };
  provider: { name: string };
  interactions: PactInteraction[];
  metadata?: unknown;
}

export interface PactInteraction {
  description: string;
  providerStates?: { name: string; params?: Record<string, unknown> }[];
  request: { method: string; path: string };
  [member: string]: unknown;
}

/** The k-th id: the template's UUID with its last group replaced by k, so ids stay UUID-shaped and distinct. */
export function copyId(templateId: string, k: number): string {
  const groups = templateId.split("-");
  if (groups.length !== 5) throw new Error(`the template id ${templateId} is not a UUID`);
  return [...groups.slice(0, 4), k.toString(16).padStart(12, "0")].join("-");
}

/**
 * A document holding only `count` copies of the interaction whose description
 * starts with `descriptionPrefix`; it must name its entity in one provider state's
 * `params.id`. The copy's description keeps the `<rule> <operation id>: ` label,
 * so the runner maps its results as it maps the committed contracts'.
 */
export function repeatedInteractions(document: PactDocument, descriptionPrefix: string, count: number): PactDocument {
  if (!Number.isInteger(count) || count < 1) throw new Error(`count must be a positive integer, got ${count}`);
  const template = document.interactions.find((interaction) => interaction.description.startsWith(descriptionPrefix));
  if (!template) throw new Error(`no interaction starts with "${descriptionPrefix}"`);
  const id = template.providerStates?.map((state) => state.params?.id).find((value): value is string => typeof value === "string");
  if (!id) throw new Error(`the interaction "${template.description}" names no provider-state id`);
  const text = JSON.stringify(template);
  const interactions = Array.from({ length: count }, (_, index) => {
    const copy = JSON.parse(text.split(id).join(copyId(id, index + 1))) as PactInteraction;
    copy.description = `${template.description} (copy ${index + 1} of ${count})`;
    return copy;
  });
  return { ...document, interactions };
}
