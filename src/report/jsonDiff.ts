import diff from "microdiff";

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

/**
 * The member-level differences, from microdiff (a maintained, dependency-free
 * structural diff), as JSON Pointers. An object against an array differs as a whole.
 */
export function memberDiff(expected: unknown, actual: unknown): MemberDifference[] {
  const left = parseIfJsonText(expected);
  const right = parseIfJsonText(actual);
  if (!isStructured(left) || !isStructured(right) || Array.isArray(left) !== Array.isArray(right)) {
    return sameScalar(left, right) ? [] : [{ pointer: "", kind: "differs", expected: left, actual: right }];
  }
  return diff(left, right).map((change): MemberDifference => {
    const pointer = change.path.reduce<string>((parent, key) => pointerTo(parent, key), "");
    if (change.type === "REMOVE") return { pointer, kind: "only expected", expected: change.oldValue };
    if (change.type === "CREATE") return { pointer, kind: "only actual", actual: change.value };
    return { pointer, kind: "differs", expected: change.oldValue, actual: change.value };
  });
}

function sameScalar(expected: unknown, actual: unknown): boolean {
  if (isStructured(expected) || isStructured(actual)) return false;
  return expected === actual;
}
