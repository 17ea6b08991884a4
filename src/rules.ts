/** The rules of ../shared/rules.md §3–4 that the suite checks, with a one-line title each. */
export const ruleTitles = {
  P1: "A valid PATCH answers 200 with the updated entity, every sent member echoed",
  P2: "PATCH is partial: members not sent keep their values",
  P3: "A valid POST answers 201 with the created entity, which can then be PATCHed",
  P4: "Two POSTs create two entities with different ids",
  P5: "Bodies with and without @odata.type are both accepted",
  P6: "Every enum member but unknownFutureValue is accepted",
  P7: "Date-times with a non-Z offset are accepted and echoed as the same instant",
  P8: "Int32 boundary values are accepted",
  P9: "Non-ASCII text is echoed byte for byte",
  P10: "null is accepted for the nullable members",
  E1: "No usable Authorization header (none, another scheme, an empty bearer token): 401",
  E2: "Malformed JSON (an empty application/json body too): 400",
  E3: "A text/plain body: 400 or 415",
  E4: "An enum value outside the documented members: 400",
  E5: "A member of the wrong JSON type: 400",
  E6: "An Int32 out of range or not an integer: 400",
  E7: "An invalid date-time: 400",
  E8: "A member the type does not have (or an id other than the path id): 400",
  E9: "PATCH of an unknown id: 404, nothing created",
  E10: "POST without a required member: 400",
  E11: "@odata.type naming another type: 400",
  E12: "A rejected request changes nothing",
  E13: "null for a non-nullable member: 400",
  E14: "A body that is not a JSON object: 400",
} as const;

export type RuleId = keyof typeof ruleTitles;

export const ruleIds = Object.keys(ruleTitles) as RuleId[];

export function isRuleId(value: string): value is RuleId {
  return Object.hasOwn(ruleTitles, value);
}

/** rules.md §5: where a target's provider-state endpoint lives, relative to its base URL (the reference provider's, and `--state-url`'s default). */
export const PROVIDER_STATES_PATH = "/_pact/provider-states";
