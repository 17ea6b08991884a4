export type Severity = "error" | "warning";

export interface FindingRule {
  severity: Severity;
  /** One sentence for reports (SARIF rule descriptions, help). */
  description: string;
  /**
   * The nearest code in ApiDoctor's `ValidationErrorCode` enum, the reference for
   * what a Graph doc page may do. ApiDoctor has no check for a few of our codes;
   * their nearest code is named all the same, and the README says so.
   */
  apiDoctorCode: string;
}

/**
 * Every finding code of the doc linter: its severity, what it means, and the
 * ApiDoctor code it corresponds to. An error is a statement the page gets wrong or
 * an example a reader cannot use as written (a JSON body that is not JSON, an
 * unclosed fence, a request block with no method and path, an example that fails a
 * known schema, a duplicate example name); a warning is a matter of style or
 * completeness, or a check that could not be made.
 */
export const findingRules = {
  "missing-http-request": {
    severity: "error",
    description: "The HTTP request block gives no method and path: the page does not say how to call the API.",
    apiDoctorCode: "InvalidRequestFormat",
  },
  "missing-http-request-section": {
    severity: "warning",
    description: 'The page has no "HTTP request" section; the Graph template puts the request paths there.',
    apiDoctorCode: "RequiredDocumentHeaderMissing",
  },
  "empty-example": {
    severity: "error",
    description: "An annotated request or response example has no content.",
    apiDoctorCode: "RequestWasEmptyOrNull",
  },
  "unclosed-fence": {
    severity: "error",
    description: "A code fence is never closed, so the rest of the page is read as code.",
    apiDoctorCode: "MarkdownParserError",
  },
  "odata-type-mismatch": {
    severity: "error",
    description: "An @odata.type (in an example body or an annotation) is not the canonical name of the type.",
    apiDoctorCode: "ExpectedTypeDifferent",
  },
  "namespace-mismatch": {
    severity: "error",
    description: "The Namespace line, or a qualified type in the property table, names the wrong namespace.",
    apiDoctorCode: "ExpectedTypeDifferent",
  },
  "required-in-patch": {
    severity: "error",
    description: 'An update (PATCH) page marks members "Required.": a PATCH is partial.',
    apiDoctorCode: "RequiredPropertiesMissing",
  },
  "duplicate-example-name": {
    severity: "error",
    description: "Two request (or two response) examples share a name: ApiDoctor keys methods and generated snippets by name.",
    apiDoctorCode: "DuplicateMethodIdentifier",
  },
  "example-schema": {
    severity: "error",
    description: "An example fails its operation's request or response schema.",
    apiDoctorCode: "ExpectedTypeDifferent",
  },
  "invalid-json": {
    severity: "error",
    description: "An example body whose content type is JSON (or that has no content type and opens with { or [) is not JSON.",
    apiDoctorCode: "JsonParserException",
  },
  "invalid-http": {
    severity: "error",
    description: "An example's start line or a header line cannot be read as HTTP, or a line of the HTTP request block is not `METHOD path`.",
    apiDoctorCode: "HttpParserError",
  },
  "invalid-annotation": {
    severity: "error",
    description: "An annotation comment is not a JSON object.",
    apiDoctorCode: "AnnotationParserException",
  },
  "unpaired-annotation": {
    severity: "warning",
    description: "A request or response annotation is not followed directly by a code block, so ApiDoctor skips the example.",
    apiDoctorCode: "UnmappedDocumentElements",
  },
  "invalid-front-matter": {
    severity: "error",
    description: "The front matter is not a YAML mapping.",
    apiDoctorCode: "MarkdownParserError",
  },
  "todo-placeholder": {
    severity: "warning",
    description: "TODO text left for a writer: unfinished, but not wrong.",
    apiDoctorCode: "Unknown",
  },
  "content-length-mismatch": {
    severity: "warning",
    description: "Content-length differs from the body's length on the wire. Clients compute the header themselves, so it misleads only readers.",
    apiDoctorCode: "HttpHeaderValueDifferent",
  },
  "table-example-mismatch": {
    severity: "warning",
    description: "The property table and an example disagree about the members; which one is incomplete is the writer's call.",
    apiDoctorCode: "AdditionalPropertyDetected",
  },
  "unknown-type": {
    severity: "warning",
    description: "The page's type could not be found or inferred, so its examples were not checked against a schema.",
    apiDoctorCode: "ResourceTypeNotFound",
  },
} as const satisfies Record<string, FindingRule>;

export type FindingCode = keyof typeof findingRules;

export const findingCodes = Object.keys(findingRules) as FindingCode[];

/** Every finding code with its severity. */
export const findingSeverities = Object.fromEntries(findingCodes.map((code) => [code, findingRules[code].severity])) as {
  [Code in FindingCode]: (typeof findingRules)[Code]["severity"];
};

export interface Finding {
  page: string;
  line: number;
  code: FindingCode;
  severity: Severity;
  message: string;
}

export function finding(page: string, line: number, code: FindingCode, message: string): Finding {
  return { page, line, code, severity: findingRules[code].severity, message };
}

/** By page, then line, then code, so output is stable whatever order the rules ran in. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => (a.page < b.page ? -1 : a.page > b.page ? 1 : 0) || a.line - b.line || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}
