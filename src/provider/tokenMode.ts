import { timingSafeEqual } from "node:crypto";
import { bearerToken } from "./behaviour";
import { ProviderError } from "./errors";

/**
 * The provider's token mode (its `token` option): of the bearer tokens, only the
 * configured one is let in. It is set-up, not a rule policy: rules.md E1 leaves a
 * made-up token open ("a test server may accept any token"), so no `verify` check
 * decides it. A request the `authenticate` policy let in without a bearer token
 * (a faulty provider's) is left to that policy.
 */
export function tokenRefusal(authorization: string | undefined, expected: string | undefined): ProviderError | undefined {
  const token = bearerToken(authorization);
  if (expected === undefined || token === undefined) return undefined;
  const given = Buffer.from(token);
  const wanted = Buffer.from(expected);
  return given.length === wanted.length && timingSafeEqual(given, wanted) ? undefined : new ProviderError("unauthenticated", "the bearer token is not valid");
}
