/**
 * The JSONPath form in which the registry names an offending value
 * (`$.details[0]["@odata.type"]`), and the JSON Pointer form ajv and `$ref`s use.
 * Both directions live here so that whoever writes a path and whoever reads it back
 * agree on one spelling.
 */

export type JsonPathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** The JSONPath of segments: `.name` for identifiers, `["odd key"]` for other names, `[0]` for indexes. */
export function formatJsonPath(segments: readonly JsonPathSegment[]): string {
  return (
    "$" +
    segments
      .map((segment) => (typeof segment === "number" ? `[${segment}]` : IDENTIFIER.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`))
      .join("")
  );
}

/** Turns a JSONPath as formatJsonPath writes it back into segments. */
export function parseJsonPath(jsonPath: string): JsonPathSegment[] {
  const segments: JsonPathSegment[] = [];
  const pattern = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/gy;
  pattern.lastIndex = jsonPath.startsWith("$") ? 1 : 0;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(jsonPath)) !== null) {
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(JSON.parse(match[3]) as string);
  }
  return segments;
}

/** A member name as a JSON Pointer segment (`a/b` → `a~1b`). */
export function escapePointerSegment(name: string): string {
  return name.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** A JSON Pointer segment as written (`a~1b`) to the name it stands for (`a/b`). */
export function unescapePointerSegment(raw: string): string {
  return raw.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** The member names of a JSON Pointer (`/details/0/code` → `details`, `0`, `code`); `""` is the root. */
export function pointerSegments(pointer: string): string[] {
  return pointer.split("/").slice(1).map(unescapePointerSegment);
}
