import { requestMembers, type MemberShape } from "../schemas/model";
import { resourceTypes, schemaRegistry, type Operation } from "../catalog";
import { defaultBehaviour, ProviderError, type ProviderBehaviour } from "../provider";
import type { SchemaViolation, ViolationRule } from "../schemas/violations";
import { isObject } from "../isObject";

/**
 * Building blocks for the catalogue's overrides. Each returns ONE policy of the
 * provider's `ProviderBehaviour`, wrapping its default, so an entry of the
 * catalogue reads as "the reference provider, except …".
 */

export type Override = Partial<ProviderBehaviour>;

/** The members an operation's request body may carry, with their shapes, read from its request schema (read once per registry: requestMembers). */
export function memberShapes(operation: Operation): ReadonlyMap<string, MemberShape> {
  return new Map(requestMembers(schemaRegistry(), operation.requestSchema).map((member) => [member.name, member.shape]));
}

/** validateBody without the violations of one rule (those `where` selects): the provider accepts what that rule refuses. */
export function accepting(rule: ViolationRule, where: (violation: SchemaViolation) => boolean = () => true): Override {
  return {
    validateBody: (operation, body) => defaultBehaviour.validateBody(operation, body).filter((violation) => !(violation.rule === rule && where(violation))),
  };
}

/** What a refusing fault says about one member of a body: why it refuses it, or undefined to let it pass. */
export type MemberRefusal = (value: unknown, shape: MemberShape, name: string, operation: Operation) => string | undefined;

/** validateBody that also refuses members the rules accept, each refusal answered as a violation of `rule`. */
export function refusingMembers(rule: ViolationRule, refuse: MemberRefusal): Override {
  return {
    validateBody(operation, body) {
      const violations = defaultBehaviour.validateBody(operation, body);
      if (!isObject(body)) return violations;
      const shapes = memberShapes(operation);
      const refused = Object.entries(body).flatMap(([name, value]): SchemaViolation[] => {
        const shape = shapes.get(name);
        const reason = shape && refuse(value, shape, name, operation);
        return reason ? [{ path: `$.${name}`, rule, message: reason, keyword: "fault" }] : [];
      });
      return [...violations, ...refused];
    },
  };
}

/** validateBody that also refuses whole bodies the rules accept (for what their `@odata.type` is or lacks), as a violation of `rule`. */
export function refusingBodies(rule: "E10" | "E11", refuse: (body: Record<string, unknown>) => string | undefined): Override {
  return {
    validateBody(operation, body) {
      const violations = defaultBehaviour.validateBody(operation, body);
      const reason = isObject(body) ? refuse(body) : undefined;
      return reason ? [...violations, { path: '$["@odata.type"]', rule, message: reason, keyword: "fault" }] : violations;
    },
  };
}

/** serializeEntity with the answer rewritten: the stored entity is untouched, only what is sent back differs. */
export function answering(rewrite: (answer: Record<string, unknown>, operation: Operation) => Record<string, unknown>): Override {
  return { serializeEntity: (entity, operation) => rewrite(defaultBehaviour.serializeEntity(entity, operation), operation) };
}

/** Rewrites the date-time members of an answer (those the operation's schema types as DateTimeOffset). */
export function answeringDateTimes(rewrite: (text: string) => string): Override {
  return answering((answer, operation) => {
    const shapes = memberShapes(operation);
    const rewritten: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(answer)) {
      rewritten[name] = shapes.get(name)?.kind === "dateTime" && typeof value === "string" ? rewrite(value) : value;
    }
    return rewritten;
  });
}

/** Every string inside a JSON value, rewritten (member names are kept). */
export function mapStrings(value: unknown, rewrite: (text: string) => string): unknown {
  if (typeof value === "string") return rewrite(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, rewrite));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, mapStrings(item, rewrite)]));
  return value;
}

/** parseBody that reads text the default refuses as malformed JSON (E2) with `recover` instead. */
export function recoveringMalformedJson(recover: (text: string, contentType: string) => unknown): Override {
  return {
    parseBody(text, contentType) {
      try {
        return defaultBehaviour.parseBody(text, contentType);
      } catch (error) {
        if (!(error instanceof ProviderError) || error.code !== "malformedJson") throw error;
        return recover(text, contentType);
      }
    },
  };
}

/** errorStatus that answers errors of one code with another status. */
export function answeringStatus(code: ProviderError["code"], status: number): Override {
  return { errorStatus: (error) => (error.code === code ? status : defaultBehaviour.errorStatus(error)) };
}

/** errorBody that answers errors of one code with another body. */
export function answeringErrorBody(code: ProviderError["code"], body: (error: ProviderError, requestId: string) => unknown): Override {
  return { errorBody: (error, requestId) => (error.code === code ? body(error, requestId) : defaultBehaviour.errorBody(error, requestId)) };
}

/** The members of a body, all but `name`. */
export function without(body: Readonly<Record<string, unknown>>, name: string): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...body };
  delete rest[name];
  return rest;
}

/** Whether a type must name itself in an answer (rule P1: the derived types). */
export function isDerived(operation: Operation): boolean {
  return resourceTypes()[operation.type].odataTypeRequiredInResponse;
}

const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/i;

export interface DateTimeParts {
  /** `YYYY-MM-DDTHH:MM:SS`, as written. */
  wallClock: string;
  /** The fractional digits, as written ("" for none). */
  fraction: string;
  /** `Z` or `±HH:MM`, as written. */
  offset: string;
}

/** An RFC 3339 date-time split in its parts; undefined when the text is not one. */
export function dateTimeParts(text: string): DateTimeParts | undefined {
  const match = RFC3339.exec(text);
  return match ? { wallClock: match[1], fraction: match[2] ?? "", offset: match[3] } : undefined;
}

/** Whether a date-time names its offset numerically (`+01:00`), not with `Z`. */
export function hasNumericOffset(text: string): boolean {
  const parts = dateTimeParts(text);
  return parts !== undefined && parts.offset.toUpperCase() !== "Z";
}
