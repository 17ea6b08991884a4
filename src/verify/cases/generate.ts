import fc from "fast-check";
import { ENUM_SENTINEL, INT32_MAX, requestMembers, type Member } from "../../schemas/model";
import { operations, resourceTypes, type Operation } from "../../catalog";
import type { RuleId } from "../../rules";
import type { SchemaRegistry } from "../../schemas/registry";
import { checksForRule } from "../../checks/registry";
import type { CaseStep, RejectedWriteFacts, StepBody, TestCase } from "../../checks/types";
import {
  hasJsonTypeOf,
  invalidDateTime,
  malformedJson,
  nonAsciiText,
  notAnObject,
  notInt32,
  offsetDateTime,
  outOfEnum,
  unknownMemberName,
  validValue,
  wrongType,
} from "./values";

/**
 * Test cases from the schemas, with fast-check: valid bodies for the positive
 * rules, single-fault bodies for the bad-input rules. Each (operation, rule) draws
 * from its own seed derived from the run's seed, so a case does not change when
 * other rules are filtered out, and `--seed` reproduces a run exactly.
 */

/** Members the suite never writes in a positive case: rules.md §3 leaves their writability unchecked. */
export const UNCHECKED_MEMBERS: readonly string[] = ["blockingError"];

/** The examples rules.md names are always among the cases, before the generated ones. */
const DOCUMENTED = {
  nonAscii: "Zürich ✓ 東京",
  outOfEnum: "paused",
  wrongType: { displayName: 123, failedTasksCount: "3", statistics: "x" } as Record<string, unknown>,
  // rules.md's two, and the other bound: a range check of one side only passes both of them.
  notInt32: [2147483648, 3.5, -2147483649],
  // rules.md's two, and a date-time with neither Z nor an offset, which §2 excludes and lenient parsers read as local or UTC.
  invalidDateTime: ["yesterday", "2026-13-45T99:00:00Z", "2026-03-01T10:00:00"],
  unknownMember: "description",
  // rules.md's three, and null: valid JSON that is no object either.
  notAnObject: [[], "x", 42, null] as unknown[],
  // §2: a PATCH body may carry only its own path id; a POST body none.
  foreignId: "gc-not-the-path-id",
  // E1: no header, another scheme, an empty bearer token (undefined: no Authorization header).
  unusableAuthorization: [undefined, "Basic dXNlcjpwYXNz", "Bearer "] as (string | undefined)[],
  // P1: application/json with the charset parameter many clients add is still application/json.
  jsonWithCharset: "application/json; charset=utf-8",
  // E2: an empty body sent as application/json is malformed JSON too.
  emptyBody: "",
  // E9: an unknown id longer than a router's parameter limit (fastify's is 100 by default) is still just unknown.
  longUnknownId: `gc-unknown-${"0123456789".repeat(110)}`,
};

export interface GenerationOptions {
  seed: number;
  /** Generated cases per (operation, rule), besides the documented examples and enumerations. */
  casesPerRule: number;
}

type Body = Record<string, unknown>;

/** A 32-bit seed for one (operation, rule), from the run's seed (FNV-1a). */
export function derivedSeed(seed: number, ...parts: string[]): number {
  let hash = 0x811c9dc5 ^ seed;
  for (const character of parts.join("\u0000")) {
    hash ^= character.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

interface Builder {
  operation: Operation;
  rule: RuleId;
  members: readonly Member[];
  /** Members a positive case may write. */
  writable: readonly Member[];
  /** Generated cases per rule (`--cases`). */
  count: number;
  draw<T>(arbitrary: fc.Arbitrary<T>, count?: number): T[];
}

function json(value: unknown): StepBody {
  return { kind: "json", value };
}

function updateOperationOf(operation: Operation): Operation {
  const update = operations().find((candidate) => candidate.type === operation.type && candidate.method === "PATCH");
  if (!update) throw new Error(`no PATCH operation for ${operation.type}`);
  return update;
}

function write(operation: Operation, body: StepBody, purpose: string, expectStatus: readonly number[] = [operation.successStatus]): CaseStep {
  return {
    operationId: operation.id,
    ...(operation.method === "PATCH" ? { target: { kind: "entity" } as const } : {}),
    body,
    authenticate: true,
    expectStatus,
    purpose,
  };
}

/** A write with an unusable Authorization header (none when `authorization` is undefined), which rule E1 answers 401. */
function unauthenticated(step: CaseStep, authorization: string | undefined): CaseStep {
  return { ...step, authenticate: false, ...(authorization === undefined ? {} : { authorization }) };
}

function describeAuthorization(authorization: string | undefined): string {
  return authorization === undefined ? "without Authorization" : `with Authorization ${JSON.stringify(authorization)}`;
}

/** The SDKs' read-modify-write (rules.md §2): the body also carries the entity's own id. */
function withPathId(step: CaseStep): CaseStep {
  return { ...step, withPathId: true, purpose: `${step.purpose}, carrying the path id` };
}

/** A valid body: a random non-empty subset of the writable members (a POST: every required one too). */
function validBody(builder: Builder, options: { exclude?: readonly string[]; minMembers?: number } = {}): fc.Arbitrary<Body> {
  const candidates = builder.writable.filter((member) => !(options.exclude ?? []).includes(member.name));
  const required = builder.operation.requiredMembers.filter((name) => !(options.exclude ?? []).includes(name));
  const optional = candidates.filter((member) => !required.includes(member.name));
  const values = fc.record(Object.fromEntries(candidates.map((member) => [member.name, valueOrNull(member)])));
  const chosen = fc.subarray(optional.map((member) => member.name), { minLength: required.length > 0 ? 0 : Math.min(options.minMembers ?? 1, optional.length) });
  return fc.tuple(values, chosen).map(([all, names]) => Object.fromEntries([...required, ...names].map((name) => [name, all[name]])));
}

/** Valid values, null now and then where the member is nullable. */
function valueOrNull(member: Member): fc.Arbitrary<unknown> {
  const value = validValue(member.shape);
  return member.shape.nullable ? fc.option(value, { nil: null, freq: 5 }) : value;
}

function describeBody(body: Body): string {
  const names = Object.keys(body);
  return names.length === 0 ? "an empty body" : names.join(", ");
}

function testCase(builder: Builder, index: number, title: string, steps: CaseStep[], rejectedWrite?: RejectedWriteFacts): TestCase {
  return {
    id: `${builder.operation.id}/${builder.rule}/${index}`,
    operationId: builder.operation.id,
    ruleId: builder.rule,
    title,
    steps,
    checks: checksForRule(builder.rule),
    ...(rejectedWrite ? { rejectedWrite } : {}),
  };
}

function membersOfKind(builder: Builder, kind: Member["shape"]["kind"]): Member[] {
  return builder.writable.filter((member) => member.shape.kind === kind);
}

/** One faulty body per value: `fault` replaces (or adds) one member of an otherwise valid body. */
function singleFault(builder: Builder, faults: { member: string; value: unknown; title: string }[], expectStatus: readonly number[] = [400]): TestCase[] {
  const bases = builder.draw(validBody(builder), faults.length);
  return faults.map((fault, index) => {
    // A POST base body holds every required member, so the one fault is the only reason to refuse it.
    const body = { ...bases[index], [fault.member]: fault.value };
    return testCase(builder, index, fault.title, [write(builder.operation, json(body), "the faulty body", expectStatus)]);
  });
}

function pickFaults<T>(builder: Builder, documented: T[], generated: fc.Arbitrary<T>): T[] {
  return [...documented, ...builder.draw(generated)];
}

type RuleBuilder = (builder: Builder) => TestCase[];

const positive: Partial<Record<RuleId, RuleBuilder>> = {
  // Two more cases than drawn: one carries the path id as an SDK's read-modify-write does, one names the charset.
  P1: (builder) => {
    if (builder.operation.method !== "PATCH") return [];
    const bodies = builder.draw(validBody(builder), builder.count + 2);
    return bodies.map((body, index) => {
      const step = write(builder.operation, json(body), "the valid PATCH");
      if (index < builder.count) return testCase(builder, index, `valid PATCH of ${describeBody(body)}`, [step]);
      if (index === builder.count) return testCase(builder, index, `valid PATCH of ${describeBody(body)} with the path id as id`, [withPathId(step)]);
      return testCase(builder, index, `valid PATCH of ${describeBody(body)} sent as ${DOCUMENTED.jsonWithCharset}`, [
        { ...step, body: { ...json(body), contentType: DOCUMENTED.jsonWithCharset } },
      ]);
    });
  },

  P2: (builder) => {
    if (builder.operation.method !== "PATCH" || builder.writable.length < 2) return [];
    const split = fc
      .shuffledSubarray([...builder.writable], { minLength: builder.writable.length, maxLength: builder.writable.length })
      .chain((ordered) => fc.tuple(fc.integer({ min: 1, max: ordered.length - 1 }), fc.constant(ordered)))
      .chain(([cut, ordered]) => {
        const first = ordered.slice(0, cut);
        const second = ordered.slice(cut);
        const values = (members: Member[]) => fc.record(Object.fromEntries(members.map((member) => [member.name, valueOrNull(member)])));
        return fc.tuple(values(first), fc.subarray(second, { minLength: 1 }).chain(values));
      });
    // One more case than drawn: its second PATCH carries the path id, which must change nothing else (rules.md §2).
    return builder.draw(split, builder.count + 1).map(([first, second], index) => {
      const later = write(builder.operation, json(second), "the second PATCH");
      const carriesId = index === builder.count;
      return testCase(builder, index, `PATCH ${describeBody(first)}, then PATCH ${describeBody(second)}${carriesId ? " with the path id as id" : ""}`, [
        write(builder.operation, json(first), "the first PATCH"),
        carriesId ? withPathId(later) : later,
      ]);
    });
  },

  P3: (builder) => {
    if (builder.operation.method !== "POST") return [];
    const update = updateOperationOf(builder.operation);
    const patchBuilder = { ...builder, operation: update };
    const pairs = builder.draw(fc.tuple(validBody(builder), validBody(patchBuilder)));
    return pairs.map(([created, patch], index) =>
      testCase(builder, index, `POST ${describeBody(created)}, then PATCH ${describeBody(patch)} of the created entity`, [
        write(builder.operation, json(created), "the POST"),
        { ...write(update, json(patch), "the PATCH of the created entity"), target: { kind: "created", step: 0 } },
      ]),
    );
  },

  P4: (builder) =>
    builder.operation.method !== "POST"
      ? []
      : builder
          .draw(fc.tuple(validBody(builder), validBody(builder)))
          .map(([first, second], index) => testCase(builder, index, "two POSTs", [write(builder.operation, json(first), "the first POST"), write(builder.operation, json(second), "the second POST")])),

  // Every case sends both accepted spellings (with and without the leading '#') and a
  // body without @odata.type, so even --cases 1 covers all three.
  P5: (builder) => {
    const canonical = resourceTypes()[builder.operation.type].odataType;
    const unhashed = canonical.slice(1);
    return builder.draw(fc.tuple(validBody(builder), validBody(builder), validBody(builder))).map(([hashed, bare, untyped], index) =>
      testCase(builder, index, `with @odata.type "${canonical}", with "${unhashed}" and without`, [
        write(builder.operation, json({ "@odata.type": canonical, ...hashed }), `the body with @odata.type "${canonical}"`),
        write(builder.operation, json({ "@odata.type": unhashed, ...bare }), `the body with @odata.type "${unhashed}"`),
        write(builder.operation, json(untyped), "the body without @odata.type"),
      ]),
    );
  },

  P6: (builder) => {
    const values = membersOfKind(builder, "enum").flatMap((member) =>
      member.shape.kind === "enum" ? member.shape.members.filter((value) => value !== ENUM_SENTINEL).map((value) => ({ member: member.name, value })) : [],
    );
    const bases = builder.draw(validBody(builder), values.length);
    return values.map(({ member, value }, index) =>
      testCase(builder, index, `${member} = "${value}"`, [write(builder.operation, json({ ...bases[index], [member]: value }), `the body with ${member} "${value}"`)]),
    );
  },

  P7: (builder) => {
    const dateTimes = membersOfKind(builder, "dateTime");
    if (dateTimes.length === 0) return [];
    const offsets = fc.record(Object.fromEntries(dateTimes.map((member) => [member.name, offsetDateTime])));
    return builder.draw(fc.tuple(validBody(builder), offsets)).map(([base, values], index) =>
      testCase(builder, index, `${Object.values(values).join(", ")} for ${Object.keys(values).join(", ")}`, [
        write(builder.operation, json({ ...base, ...values }), "the body with offset date-times"),
      ]),
    );
  },

  P8: (builder) => {
    const integers = membersOfKind(builder, "int32");
    if (integers.length === 0) return [];
    return [0, INT32_MAX].map((boundary, index) =>
      testCase(builder, index, `every Int32 member = ${boundary}`, [write(builder.operation, json(Object.fromEntries(integers.map((member) => [member.name, boundary]))), `the body with ${boundary}`)]),
    );
  },

  P9: (builder) => {
    const texts = membersOfKind(builder, "string");
    if (texts.length === 0) return [];
    const values = pickFaults(builder, [DOCUMENTED.nonAscii], nonAsciiText);
    const bases = builder.draw(validBody(builder), values.length);
    return values.map((value, index) => {
      const body = { ...bases[index], ...Object.fromEntries(texts.map((member) => [member.name, value])) };
      return testCase(builder, index, `${texts.map((member) => member.name).join(", ")} = ${JSON.stringify(value)}`, [write(builder.operation, json(body), "the body with non-ASCII text")]);
    });
  },

  P10: (builder) => {
    const nullable = builder.writable.filter((member) => member.shape.nullable);
    const bases = builder.draw(validBody(builder), nullable.length);
    return nullable.map((member, index) =>
      testCase(builder, index, `${member.name} = null`, [write(builder.operation, json({ ...bases[index], [member.name]: null }), `the body with ${member.name} null`)]),
    );
  },
};

/** Two distinct writable members with two different valid values for the first, and a value for the second. */
function memberChange(builder: Builder): fc.Arbitrary<{ member: Member; before: unknown; after: unknown; other: Member; otherValue: unknown }> {
  return fc
    .shuffledSubarray([...builder.writable], { minLength: 2, maxLength: 2 })
    .chain(([member, other]) =>
      fc
        .tuple(validValue(member.shape), validValue(member.shape), validValue(other.shape))
        .filter(([before, after]) => JSON.stringify(before) !== JSON.stringify(after))
        .map(([before, after, otherValue]) => ({ member, before, after, other, otherValue })),
    );
}

/** A single fault on a member other than `spare`, for E12's rejected body. */
function anyFault(builder: Builder, spare: string): fc.Arbitrary<{ member: string; value: unknown; rule: string }> {
  const others = builder.writable.filter((member) => member.name !== spare);
  const options: fc.Arbitrary<{ member: string; value: unknown; rule: string }>[] = [
    unknownMemberName(builder.members).map((name) => ({ member: name, value: "x", rule: "E8" })),
  ];
  for (const member of others) {
    options.push(wrongType(member.shape).map((value) => ({ member: member.name, value, rule: "E5" })));
    if (!member.shape.nullable) options.push(fc.constant({ member: member.name, value: null, rule: "E13" }));
    const shape = member.shape;
    if (shape.kind === "enum") options.push(outOfEnum(shape).map((value) => ({ member: member.name, value, rule: "E4" })));
    if (shape.kind === "dateTime") options.push(invalidDateTime.map((value) => ({ member: member.name, value, rule: "E7" })));
    if (shape.kind === "int32") options.push(notInt32.map((value) => ({ member: member.name, value, rule: "E6" })));
  }
  return fc.oneof(...options);
}

const badInput: Partial<Record<RuleId, RuleBuilder>> = {
  // Each unusable header rules.md names, then generated cases that draw among them.
  E1: (builder) => {
    const authorizations = pickFaults(builder, DOCUMENTED.unusableAuthorization, fc.constantFrom(...DOCUMENTED.unusableAuthorization));
    if (builder.operation.method === "POST") {
      const bodies = builder.draw(validBody(builder), authorizations.length);
      return authorizations.map((authorization, index) =>
        testCase(builder, index, `POST ${describeAuthorization(authorization)}`, [
          unauthenticated(write(builder.operation, json(bodies[index]), `the POST ${describeAuthorization(authorization)}`, [401]), authorization),
        ]),
      );
    }
    if (builder.writable.length < 2) return [];
    const changes = builder.draw(memberChange(builder), authorizations.length);
    return authorizations.map((authorization, index) => {
      const change = changes[index];
      return testCase(
        builder,
        index,
        `PATCH ${change.member.name} ${describeAuthorization(authorization)}`,
        [
          write(builder.operation, json({ [change.member.name]: change.before }), "the baseline write"),
          unauthenticated(write(builder.operation, json({ [change.member.name]: change.after }), `the PATCH ${describeAuthorization(authorization)}`, [401]), authorization),
          write(builder.operation, json({ [change.other.name]: change.otherValue }), "the later valid write"),
        ],
        { member: change.member.name, baselineStep: 0, rejectedStep: 1, probeStep: 2 },
      );
    });
  },

  E2: (builder) =>
    pickFaults(builder, [DOCUMENTED.emptyBody], validBody(builder).chain((body) => malformedJson(JSON.stringify(body)))).map((text, index) =>
      testCase(builder, index, text === "" ? "an empty body sent as application/json" : `malformed JSON ${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)}`, [
        write(builder.operation, { kind: "raw", text, contentType: "application/json" }, "the malformed body", [400]),
      ]),
    ),

  E3: (builder) =>
    builder
      .draw(validBody(builder))
      .map((body, index) => testCase(builder, index, "a valid body sent as text/plain", [write(builder.operation, { kind: "raw", text: JSON.stringify(body), contentType: "text/plain" }, "the text/plain body", [400, 415])])),

  E4: (builder) => {
    const enums = membersOfKind(builder, "enum");
    if (enums.length === 0) return [];
    const generated = fc.constantFrom(...enums).chain((member) => outOfEnum(member.shape as Member["shape"] & { kind: "enum" }).map((value) => ({ member: member.name, value })));
    const documentedOutside = !(enums[0].shape as Member["shape"] & { kind: "enum" }).members.includes(DOCUMENTED.outOfEnum);
    const faults = pickFaults(builder, documentedOutside ? [{ member: enums[0].name, value: DOCUMENTED.outOfEnum }] : [], generated);
    return singleFault(builder, faults.map((fault) => ({ ...fault, title: `${fault.member} = ${JSON.stringify(fault.value)}` })));
  },

  E5: (builder) => {
    const documented = builder.writable.filter((member) => member.name in DOCUMENTED.wrongType && !hasJsonTypeOf(member.shape, DOCUMENTED.wrongType[member.name])).map((member) => ({ member: member.name, value: DOCUMENTED.wrongType[member.name] }));
    const generated = fc.constantFrom(...builder.writable).chain((member) => wrongType(member.shape).map((value) => ({ member: member.name, value })));
    const faults = pickFaults(builder, documented, generated);
    return singleFault(builder, faults.map((fault) => ({ ...fault, title: `${fault.member} = ${JSON.stringify(fault.value)}` })));
  },

  E6: (builder) => {
    const integers = membersOfKind(builder, "int32");
    if (integers.length === 0) return [];
    const documented = DOCUMENTED.notInt32.map((value, index) => ({ member: integers[index % integers.length].name, value }));
    const generated = fc.tuple(fc.constantFrom(...integers), notInt32).map(([member, value]) => ({ member: member.name, value }));
    return singleFault(builder, pickFaults(builder, documented, generated).map((fault) => ({ ...fault, title: `${fault.member} = ${fault.value}` })));
  },

  E7: (builder) => {
    const dateTimes = membersOfKind(builder, "dateTime");
    if (dateTimes.length === 0) return [];
    const documented = DOCUMENTED.invalidDateTime.map((value, index) => ({ member: dateTimes[index % dateTimes.length].name, value }));
    const generated = fc.tuple(fc.constantFrom(...dateTimes), invalidDateTime).map(([member, value]) => ({ member: member.name, value }));
    return singleFault(builder, pickFaults(builder, documented, generated).map((fault) => ({ ...fault, title: `${fault.member} = ${JSON.stringify(fault.value)}` })));
  },

  E8: (builder) => {
    const generated = fc.tuple(unknownMemberName(builder.members), fc.oneof(fc.string({ maxLength: 8 }), fc.integer())).map(([member, value]) => ({ member, value }));
    // rules.md's example member is unknown to the built-in types; an added type may have it.
    const documentedIsUnknown = !builder.members.some((member) => member.name.toLowerCase() === DOCUMENTED.unknownMember.toLowerCase());
    const documented = [
      ...(documentedIsUnknown ? [{ member: DOCUMENTED.unknownMember, value: "Imported by the nightly job" as unknown }] : []),
      // rules.md §2: an id other than the path id in a PATCH, any id in a POST.
      { member: "id", value: DOCUMENTED.foreignId },
    ];
    const faults = pickFaults(builder, documented, generated);
    const title = (member: string) =>
      member !== "id" ? `unknown member ${JSON.stringify(member)}` : builder.operation.method === "PATCH" ? `an id other than the path id (${JSON.stringify(DOCUMENTED.foreignId)})` : `an id in a POST body (${JSON.stringify(DOCUMENTED.foreignId)})`;
    return singleFault(builder, faults.map((fault) => ({ ...fault, title: title(fault.member) })));
  },

  E9: (builder) => {
    if (builder.operation.method !== "PATCH") return [];
    const ids = pickFaults(builder, [DOCUMENTED.longUnknownId], fc.uuid().map((uuid) => `gc-unknown-${uuid}`));
    const bodies = builder.draw(validBody(builder), ids.length);
    return ids.map((id, index) => {
      const step = (purpose: string): CaseStep => ({ ...write(builder.operation, json(bodies[index]), purpose, [404]), target: { kind: "unknown", id } });
      const shown = id.length > 60 ? `of ${id.length} characters` : id;
      return testCase(builder, index, `PATCH of the unknown id ${shown}, twice`, [step("the PATCH of an unknown id"), step("the same PATCH again")]);
    });
  },

  E10: (builder) => {
    if (builder.operation.method !== "POST") return [];
    const complete = builder.draw(validBody(builder), builder.operation.requiredMembers.length);
    return builder.operation.requiredMembers.map((missing, index) => {
      const body = { ...complete[index] };
      delete body[missing];
      return testCase(builder, index, `POST without ${missing}`, [write(builder.operation, json(body), `the POST without ${missing}`, [400])]);
    });
  },

  E11: (builder) => {
    const own = resourceTypes()[builder.operation.type].odataType;
    const others = [...new Set([...Object.values(resourceTypes()).map((type) => type.odataType), "#microsoft.graph.user"])].filter((name) => name !== own);
    const faults = builder.draw(fc.tuple(fc.constantFrom(...others), fc.boolean())).map(([name, withHash]) => ({ member: "@odata.type", value: withHash ? name : name.slice(1) }));
    return singleFault(builder, faults.map((fault) => ({ ...fault, title: `@odata.type ${JSON.stringify(fault.value)}` })));
  },

  E12: (builder) => {
    if (builder.operation.method !== "PATCH" || builder.writable.length < 2) return [];
    const scenario = memberChange(builder).chain((change) => anyFault(builder, change.member.name).map((fault) => ({ change, fault })));
    return builder.draw(scenario).map(({ change, fault }, index) =>
      testCase(
        builder,
        index,
        `${change.member.name} beside a faulty ${fault.member} (${fault.rule})`,
        [
          write(builder.operation, json({ [change.member.name]: change.before }), "the baseline write"),
          write(builder.operation, json({ [change.member.name]: change.after, [fault.member]: fault.value }), "the rejected body", [400]),
          write(builder.operation, json({ [change.other.name]: change.otherValue }), "the later valid write"),
        ],
        { member: change.member.name, baselineStep: 0, rejectedStep: 1, probeStep: 2 },
      ),
    );
  },

  E13: (builder) => {
    const nonNullable = builder.writable.filter((member) => !member.shape.nullable);
    return singleFault(builder, nonNullable.map((member) => ({ member: member.name, value: null, title: `${member.name} = null` })));
  },

  E14: (builder) =>
    pickFaults(builder, DOCUMENTED.notAnObject, notAnObject).map((value, index) =>
      testCase(builder, index, `the body ${JSON.stringify(value)}`, [write(builder.operation, json(value), "the body that is not an object", [400])]),
    ),
};

const ruleBuilders: Record<RuleId, RuleBuilder> = { ...positive, ...badInput } as Record<RuleId, RuleBuilder>;

/** The test cases of one operation and rule; none where the rule does not concern the operation. */
export function generateCases(schemas: SchemaRegistry, operation: Operation, rule: RuleId, options: GenerationOptions): TestCase[] {
  const members = requestMembers(schemas, operation.requestSchema);
  const seed = derivedSeed(options.seed, operation.id, rule);
  let draws = 0;
  const builder: Builder = {
    operation,
    rule,
    members,
    writable: members.filter((member) => !UNCHECKED_MEMBERS.includes(member.name)),
    count: options.casesPerRule,
    draw: (arbitrary, count = options.casesPerRule) => (count <= 0 ? [] : fc.sample(arbitrary, { seed: derivedSeed(seed, String(draws++)), numRuns: count })),
  };
  return ruleBuilders[rule](builder);
}
