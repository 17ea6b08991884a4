import { isObject } from "../isObject";

/** A member-level difference between two JSON values, for the HTML report's failures. */

export interface MemberDifference {
  /** JSON Pointer (RFC 6901) of the member; `""` is the whole value. */
  pointer: string;
  kind: "only expected" | "only actual" | "differs";
  expected?: unknown;
  actual?: unknown;
}


function isStructured(value: unknown): value is Record<string, unknown> | unknown[] {
  return value !== null && typeof value === "object";
}

function pointerTo(parent: string, key: string | number): string {
  return `${parent}/${String(key).replace(/~/g, "~0").replace(/\//g, "~1")}`;
}

/** A JSON text holding an object or array, parsed; anything else as it is. */
export function parseIfJsonText(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const trimmed = value.trim();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return value;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return value;
  }
}

/** Both sides are JSON objects or arrays (or JSON text of one), so a member-level diff means something. */
export function isDiffable(expected: unknown, actual: unknown): boolean {
  return isStructured(parseIfJsonText(expected)) && isStructured(parseIfJsonText(actual));
}

export function memberDiff(expected: unknown, actual: unknown): MemberDifference[] {
  const differences: MemberDifference[] = [];
  collect(parseIfJsonText(expected), parseIfJsonText(actual), "", differences);
  return differences;
}

function collect(expected: unknown, actual: unknown, pointer: string, into: MemberDifference[]): void {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const length = Math.max(expected.length, actual.length);
    for (let index = 0; index < length; index++) {
      const at = pointerTo(pointer, index);
      if (index >= actual.length) into.push({ pointer: at, kind: "only expected", expected: expected[index] });
      else if (index >= expected.length) into.push({ pointer: at, kind: "only actual", actual: actual[index] });
      else collect(expected[index], actual[index], at, into);
    }
    return;
  }
  if (isObject(expected) && isObject(actual)) {
    for (const key of Object.keys(expected)) {
      const at = pointerTo(pointer, key);
      if (!Object.hasOwn(actual, key)) into.push({ pointer: at, kind: "only expected", expected: expected[key] });
      else collect(expected[key], actual[key], at, into);
    }
    for (const key of Object.keys(actual)) {
      if (!Object.hasOwn(expected, key)) into.push({ pointer: pointerTo(pointer, key), kind: "only actual", actual: actual[key] });
    }
    return;
  }
  if (!sameScalar(expected, actual)) into.push({ pointer, kind: "differs", expected, actual });
}

function sameScalar(expected: unknown, actual: unknown): boolean {
  if (isStructured(expected) || isStructured(actual)) return false;
  return expected === actual;
}
