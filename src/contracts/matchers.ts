// Deep imports: the package root also loads the Verifier, whose ESM-only proxy agent Jest cannot require.
import * as MatchersV3 from "@pact-foundation/pact/src/v3/matchers";

/*
 * The patterns the contracts match with. Pact regex matchers must match the whole
 * value, so every pattern is anchored, and each is as loose as rules.md allows:
 * the contracts must never fail a server the rules let pass.
 */

/** Any RFC 3339 date-time: `T`/`t`, any number of fraction digits, `Z`/`z` or a numeric offset (a server may echo `+00:00` with 7 digits). */
export const DATE_TIME_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$";

/** `application/json`, with or without parameters such as `; charset=utf-8` (rule P1). */
export const JSON_CONTENT_TYPE_PATTERN = "^application/json(\\s*;.*)?$";

/** Any bearer token: the contracts name no real one. */
export const BEARER_PATTERN = "^Bearer .+$";

/** A non-empty string, newlines included (server-assigned ids, Graph error codes). */
export const NON_EMPTY_PATTERN = "^[\\s\\S]+$";

/** The token the contracts' example requests carry; any non-empty token fits the contract. */
export const EXAMPLE_AUTHORIZATION = "Bearer example-access-token";

export const dateTime = (example: string) => MatchersV3.regex(DATE_TIME_PATTERN, example);
export const jsonContentType = () => MatchersV3.regex(JSON_CONTENT_TYPE_PATTERN, "application/json");
export const bearerToken = () => MatchersV3.regex(BEARER_PATTERN, EXAMPLE_AUTHORIZATION);
export const nonEmptyString = (example: string) => MatchersV3.regex(NON_EMPTY_PATTERN, example);
export const anyString = (example: string) => MatchersV3.like(example);
