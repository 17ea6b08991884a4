export type Severity = "error" | "warning";

/**
 * Every finding code of the doc linter with its severity. An error is a statement
 * the page gets wrong or an example a reader cannot use as written; a warning is
 * an unfinished page (TODO text), a header clients compute themselves, or a check
 * that could not be made.
 */
export const findingSeverities = {
  /** The "HTTP request" block gives no method and path: the page does not say how to call the API. */
  "missing-http-request": "error",
  /** An annotated request or response example has no content. */
  "empty-example": "error",
  /** An @odata.type (in an example body or an annotation) is not the canonical name of the type. */
  "odata-type-mismatch": "error",
  /** The Namespace line, or a qualified type in the property table, names the wrong namespace. */
  "namespace-mismatch": "error",
  /** An update (PATCH) page marks members "Required.": a PATCH is partial. */
  "required-in-patch": "error",
  /** Two examples share a name: ApiDoctor pairs and generates snippets by name. */
  "duplicate-example-name": "error",
  /** An example fails its operation's request or response schema. */
  "example-schema": "error",
  /** An example body is not JSON. */
  "invalid-json": "error",
  /** An example's start line or a header line cannot be read as HTTP, or the HTTP request block has a line that is not `METHOD /path`. */
  "invalid-http": "error",
  /** An example annotation is not a JSON object, or is followed by no code block. */
  "invalid-annotation": "error",
  /** The front matter is not a YAML mapping. */
  "invalid-front-matter": "error",
  /** TODO text left for a writer: unfinished, but not wrong. */
  "todo-placeholder": "warning",
  /** Content-length differs from the body's length on the wire. Clients compute the header themselves, so it misleads only readers. */
  "content-length-mismatch": "warning",
  /** The property table and an example disagree about the members. One of them is incomplete; which one is the writer's call. */
  "table-example-mismatch": "warning",
  /** The page's type could not be found or inferred, so its examples were not checked against a schema. */
  "unknown-type": "warning",
} as const satisfies Record<string, Severity>;

export type FindingCode = keyof typeof findingSeverities;

export interface Finding {
  page: string;
  line: number;
  code: FindingCode;
  severity: Severity;
  message: string;
}

export function finding(page: string, line: number, code: FindingCode, message: string): Finding {
  return { page, line, code, severity: findingSeverities[code], message };
}

/** By page, then line, then code, so output is stable whatever order the rules ran in. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => (a.page < b.page ? -1 : a.page > b.page ? 1 : 0) || a.line - b.line || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}
