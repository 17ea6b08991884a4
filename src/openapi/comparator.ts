/**
 * The part of @pactflow/openapi-pact-comparator this project uses, typed here because
 * the package's own typings are ESM-only (`"type": "module"`, extensionless relative
 * imports), which TypeScript refuses from this CommonJS project (TS1479); its CommonJS
 * build (`dist/index.cjs`) is what runs.
 */

/** One verdict of the comparator on one interaction (its `Result`, as far as read here). */
export interface ComparatorResult {
  code: string;
  message: string;
  type: "error" | "warning" | "info";
  mockDetails?: {
    interactionDescription?: string | null;
    interactionState?: string | null;
    location: string;
    value: unknown;
  };
  specDetails?: {
    location: string;
    pathMethod?: string | null;
    pathName?: string | null;
    value: unknown;
  };
}

/** A Pact file: the comparator checks its `interactions` (V2–V4 formats). */
export interface ComparablePact {
  interactions: unknown[];
  [member: string]: unknown;
}

interface ComparatorInstance {
  compare(pact: ComparablePact): AsyncGenerator<ComparatorResult>;
}

interface ComparatorModule {
  /** `oas` is an OpenAPI 2 or 3.x document; the comparator fills in inherited members in place. */
  Comparator: new (options: { oas: Record<string, unknown> }) => ComparatorInstance;
}

const comparatorModule = require("@pactflow/openapi-pact-comparator") as ComparatorModule;

export const Comparator = comparatorModule.Comparator;
