import type { JsonObject } from "./body";
import { isObject } from "../isObject";

/**
 * Echo comparison (rule P1): every sent member comes back with the same value.
 * Date-times compare as instants (`…+02:00` and the same moment in `Z` are equal,
 * P7), objects by the members that were sent (a server may add its own), strings
 * by code unit (P9: byte for byte), everything else exactly.
 */

export interface EchoDifference {
  /** JSONPath of the member, e.g. `$.statistics.inboundFiles`. */
  path: string;
  sent: unknown;
  /** `undefined` when the member is missing from the response. */
  received: unknown;
}

/** A received value for a message: JSON, or "(missing)" for a member the answer leaves out (null is a value). */
export function describeReceived(difference: EchoDifference): string {
  return difference.received === undefined ? "(missing)" : JSON.stringify(difference.received);
}

const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/i;

/** An RFC 3339 date-time as [whole seconds since the epoch, nanoseconds]; undefined when it is not one. */
export function instantOf(text: string): [number, number] | undefined {
  const match = RFC3339.exec(text);
  if (!match) return undefined;
  const [, wholeSeconds, fraction = "", offset] = match;
  const millis = Date.parse(`${wholeSeconds}${offset.toUpperCase()}`);
  if (Number.isNaN(millis)) return undefined;
  // Beyond nanoseconds no server keeps digits; compare what is kept.
  const nanos = Number(fraction.slice(0, 9).padEnd(9, "0"));
  return [millis / 1000, nanos];
}

export function sameInstant(a: string, b: string): boolean {
  const left = instantOf(a);
  const right = instantOf(b);
  return left !== undefined && right !== undefined && left[0] === right[0] && left[1] === right[1];
}

function memberPath(parent: string, name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `${parent}.${name}` : `${parent}[${JSON.stringify(name)}]`;
}

function compare(sent: unknown, received: unknown, path: string, isDateTime: boolean, differences: EchoDifference[]): void {
  if (isDateTime && typeof sent === "string" && typeof received === "string") {
    if (!sameInstant(sent, received)) differences.push({ path, sent, received });
    return;
  }
  if (isObject(sent)) {
    if (!isObject(received)) {
      differences.push({ path, sent, received });
      return;
    }
    for (const [name, value] of Object.entries(sent)) compare(value, received[name], memberPath(path, name), false, differences);
    return;
  }
  if (Array.isArray(sent)) {
    if (!Array.isArray(received) || received.length !== sent.length) {
      differences.push({ path, sent, received });
      return;
    }
    sent.forEach((item, index) => compare(item, received[index], `${path}[${index}]`, false, differences));
    return;
  }
  if (sent !== received) differences.push({ path, sent, received });
}

/**
 * The members of `sent` that `received` does not echo. `@odata.type` is left out:
 * a request may name the type with or without `#`, a response names it canonically,
 * which the schema checks.
 */
export function echoDifferences(sent: JsonObject, received: unknown, dateTimeMembers: ReadonlySet<string>): EchoDifference[] {
  const differences: EchoDifference[] = [];
  if (!isObject(received)) return [{ path: "$", sent, received }];
  for (const [name, value] of Object.entries(sent)) {
    if (name === "@odata.type") continue;
    compare(value, received[name], memberPath("$", name), dateTimeMembers.has(name), differences);
  }
  return differences;
}
