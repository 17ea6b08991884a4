import type { ReferenceProviderOptions } from "../provider";
import type { RuleId } from "../rules";

/** A server of the catalogue: the reference provider with one thing changed. */
export interface CatalogueEntry {
  /** Stable, kebab-case; the table and the specs name the entry by it. */
  name: string;
  /** What this server does differently, in one line. */
  description: string;
  /** How to start it: the overridden policy (`behaviour`), for a few variants a prefix or a token (which `verify` is then given). */
  provider: ReferenceProviderOptions;
}

/** A server that breaks one rule of ../shared/rules.md: `verify` must fail it, under that rule. */
export interface Fault extends CatalogueEntry {
  /**
   * The rules whose text the server breaks: the rule the fault targets, and where
   * one misbehaviour unavoidably breaks a second rule's text as well, that one too.
   */
  breaks: readonly [RuleId, ...RuleId[]];
}

/** A server that differs from the reference provider in a way the rules allow: `verify` must pass it. */
export interface Variant extends CatalogueEntry {
  /** The text of rules.md that allows the difference. */
  allowedBy: string;
}
