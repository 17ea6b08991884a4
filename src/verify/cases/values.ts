import fc from "fast-check";
import { ENUM_SENTINEL, INT32_MAX, INT32_MIN, type MemberShape, type Member } from "../../schemas/model";
import { isObject } from "../../isObject";

/**
 * Values for request bodies, as fast-check arbitraries derived from a member's
 * schema shape: valid values for the positive rules, and for each fault family
 * of §4 the values that break exactly that rule.
 */

const EPOCH_2000 = Date.UTC(2000, 0, 1);
const EPOCH_2100 = Date.UTC(2100, 0, 1);

const instant = fc.integer({ min: EPOCH_2000, max: EPOCH_2100 }).map((millis) => new Date(millis));

/** A UTC date-time such as `2031-04-05T06:07:08.123Z`. */
export const utcDateTime: fc.Arbitrary<string> = instant.map((date) => date.toISOString());

function pad(value: number, width = 2): string {
  return String(value).padStart(width, "0");
}

/** The same instant written with a numeric offset, e.g. `2031-04-05T08:07:08.123+02:00`. */
export function withOffset(date: Date, offsetMinutes: number): string {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const magnitude = Math.abs(offsetMinutes);
  const clock = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}.${pad(local.getUTCMilliseconds(), 3)}`;
  return `${clock}${sign}${pad(Math.floor(magnitude / 60))}:${pad(magnitude % 60)}`;
}

/** Offsets in use around the world: whole quarter hours from -12:00 to +14:00, never zero. */
const offsetMinutes = fc.integer({ min: -48, max: 56 }).filter((quarters) => quarters !== 0).map((quarters) => quarters * 15);

export const offsetDateTime: fc.Arbitrary<string> = fc.tuple(instant, offsetMinutes).map(([date, offset]) => withOffset(date, offset));

const FORBIDDEN_OBJECT_KEYS = new Set(["constructor", "prototype", "toString", "valueOf", "hasOwnProperty"]);
const statisticsKey = fc.stringMatching(/^[a-z][A-Za-z0-9]{0,11}$/).filter((key) => !FORBIDDEN_OBJECT_KEYS.has(key));
const statisticsValue = fc.oneof(fc.string({ unit: "grapheme-ascii", maxLength: 12 }), fc.integer({ min: 0, max: 1_000_000 }), fc.boolean());

/** A valid, non-null value for a member. */
export function validValue(shape: MemberShape): fc.Arbitrary<unknown> {
  switch (shape.kind) {
    case "string":
      return fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 30 });
    case "dateTime":
      return utcDateTime;
    case "int32":
      // Counts: a server may sensibly refuse a negative one, which no rule asks it to accept.
      return fc.integer({ min: 0, max: INT32_MAX });
    case "enum":
      return fc.constantFrom(...shape.members.filter((member) => member !== ENUM_SENTINEL));
    case "object":
      return fc.dictionary(statisticsKey, statisticsValue, { maxKeys: 3 });
    case "number":
      return fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
    case "boolean":
      return fc.boolean();
    case "array":
      return fc.array(validValue(shape.items), { maxLength: 3 });
    case "nestedObject":
      // Required members always; the others each now and then.
      return fc.record(
        Object.fromEntries(shape.members.map((member) => [member.name, validValue(member.shape)])),
        { requiredKeys: [...shape.required] },
      );
  }
}

/** Non-ASCII text (rule P9); never plain ASCII. */
export const nonAsciiText: fc.Arbitrary<string> = fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }).filter((text) => /[^\u0000-\u007f]/.test(text));

// Built once: constructing a stringMatching arbitrary is costly (fast-check tokenizes
// its dangerous-string slices per new arbitrary), and the faults below are drawn inside
// `chain`, once per value, so building them per call made case generation the
// slowest part of a run.
const lowerCamelWord = fc.stringMatching(/^[a-z][A-Za-z]{2,15}$/);
const memberNameWord = fc.stringMatching(/^[a-z][A-Za-z]{3,15}$/);
const digitsText = fc.stringMatching(/^[0-9]{1,4}$/);

/** A string no enum of the suite holds, e.g. `paused`, `archivedLater`. */
export function outOfEnum(shape: MemberShape & { kind: "enum" }): fc.Arbitrary<string> {
  return lowerCamelWord.filter((value) => !shape.members.includes(value));
}

/** A JSON value of a type the member does not have (rule E5); never null, which is E13. */
export function wrongType(shape: MemberShape): fc.Arbitrary<unknown> {
  const number = fc.integer({ min: -1000, max: 1000 });
  const text = digitsText;
  const array = fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 2 });
  const object = fc.constant({ value: 1 });
  switch (shape.kind) {
    case "int32":
      return fc.oneof(text, fc.boolean(), array, object);
    case "object":
    case "nestedObject":
      return fc.oneof(fc.string({ unit: "grapheme-ascii", maxLength: 8 }), number, fc.boolean(), array);
    case "number":
      return fc.oneof(text, fc.boolean(), array, object);
    case "boolean":
      return fc.oneof(text, number, array, object);
    case "array":
      return fc.oneof(text, number, fc.boolean(), object);
    default:
      return fc.oneof(number, fc.boolean(), array, object);
  }
}

/** Not an Int32 (rule E6): out of range, or not a whole number. */
export const notInt32: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: INT32_MAX + 1, max: Number.MAX_SAFE_INTEGER }),
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: INT32_MIN - 1 }),
  fc.integer({ min: -1000, max: 1000 }).map((whole) => whole + 0.5),
);

/** Not an RFC 3339 date-time (rule E7): words, and date-times with an impossible field. */
export const invalidDateTime: fc.Arbitrary<string> = fc.oneof(
  fc.stringMatching(/^[a-z]{3,12}$/),
  fc.tuple(fc.integer({ min: 13, max: 99 }), fc.integer({ min: 32, max: 99 })).map(([month, day]) => `2026-${month}-${day}T10:00:00Z`),
  fc.integer({ min: 24, max: 99 }).map((hour) => `2026-01-05T${hour}:00:00Z`),
);

/** A member name the type does not have (rule E8). */
export function unknownMemberName(members: readonly Member[]): fc.Arbitrary<string> {
  const known = new Set(members.map((member) => member.name.toLowerCase()));
  return memberNameWord.filter((name) => !known.has(name.toLowerCase()) && !FORBIDDEN_OBJECT_KEYS.has(name) && name !== "id");
}

/** A JSON text that does not parse (rule E2), made from a valid body. */
export function malformedJson(validText: string): fc.Arbitrary<string> {
  const cut = fc.integer({ min: 1, max: Math.max(1, validText.length - 1) }).map((length) => validText.slice(0, length));
  const trailingComma = fc.constant(`${validText.slice(0, -1)},}`);
  const singleQuotes = fc.constant(validText.replace(/"/g, "'"));
  return fc.oneof(cut, trailingComma, singleQuotes).filter((text) => {
    try {
      JSON.parse(text);
      return false;
    } catch {
      return true;
    }
  });
}

/** A JSON value that is not an object (rule E14). */
export const notAnObject: fc.Arbitrary<unknown> = fc.oneof(
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxLength: 3 }),
  fc.string({ unit: "grapheme-ascii", maxLength: 10 }),
  fc.integer(),
  fc.boolean(),
);

/** Whether a value has the JSON type a member's values have (rules.md's E5 examples are named for the built-in members). */
export function hasJsonTypeOf(shape: MemberShape, value: unknown): boolean {
  switch (shape.kind) {
    case "string":
    case "dateTime":
    case "enum":
      return typeof value === "string";
    case "int32":
    case "number":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    case "array":
      return Array.isArray(value);
    case "object":
    case "nestedObject":
      return isObject(value);
  }
}
