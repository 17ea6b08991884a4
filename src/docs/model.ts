import type { JsonPathSegment } from "../schemas/jsonPath";

/**
 * The doc-page model: what the parser extracts from one Graph API doc page. Every
 * item carries its 1-based line in the original file, front matter included, so a
 * finding can point at the line to fix.
 */

export type { JsonPathSegment };

/** A JSON text that parsed, with a way to find the line of any member in it. */
export interface ParsedJson {
  ok: true;
  value: unknown;
  /** Line of the member at `path` (its key), or of its nearest existing ancestor. */
  lineOf(path: readonly JsonPathSegment[]): number;
}

export interface JsonSyntaxError {
  ok: false;
  line: number;
  column: number;
  message: string;
}

export type JsonParseResult = ParsedJson | JsonSyntaxError;

export interface FrontMatterField {
  key: string;
  value: unknown;
  line: number;
}

export interface FrontMatter {
  line: number;
  fields: FrontMatterField[];
  /** Set when the YAML does not parse (the fields are then empty). */
  error?: { line: number; message: string };
}

export interface TextAt {
  text: string;
  line: number;
}

export interface HttpHeader {
  name: string;
  value: string;
  line: number;
}

export type HttpStartLine =
  | { kind: "request"; method: string; target: string; line: number }
  | { kind: "status"; status: number; reason: string; line: number };

export interface HttpBody {
  /** Line of the body's first line. */
  line: number;
  /** The body's lines as written, without line terminators (trailing blank lines dropped). */
  lines: string[];
  json: JsonParseResult;
}

/** An HTTP message as a doc page (or a captured payload) writes it: start line, headers, body. */
export interface HttpMessage {
  start?: HttpStartLine;
  /** The first line when it is neither a request line nor a status line (and the block is not a bare body). */
  unreadableStart?: TextAt;
  headers: HttpHeader[];
  body?: HttpBody;
  /** Header lines that are not `Name: value`. */
  malformed: TextAt[];
}

/** One `METHOD path` line of the page's "HTTP request" block. */
export interface HttpRequestLine {
  method: string;
  path: string;
  line: number;
}

export interface HttpRequestBlock {
  /** Line of the block (its opening fence), or of the section heading when there is no block. */
  line: number;
  requests: HttpRequestLine[];
  malformed: TextAt[];
}

export interface PropertyRow {
  line: number;
  name: string;
  /** The Type cell as text (link text for a linked type). */
  type: string;
  description: string;
  /** Members listed after "The possible values are". */
  enumMembers: string[];
  mark?: "required" | "optional";
  /** The h2 section the table is in, lower case ("request body", "properties"). */
  section: string;
}

export interface TableRow {
  line: number;
  cells: string[];
}

export interface ExampleAnnotation {
  /** Line of the `<!--` that opens the annotation. */
  line: number;
  /** Lower case: ApiDoctor reads the block type case-insensitively. */
  blockType?: string;
  /** The name, or the first of a list of names (ApiDoctor accepts both). */
  name?: TextAt;
  truncated: boolean;
  /** From `@odata.type`, or ApiDoctor's older `@type`; `Collection(x)` is given as x with isCollection. */
  odataType?: TextAt;
  /** The example is a collection of the type: `{ "value": [ ... ] }`. */
  isCollection: boolean;
  /** Set when the annotation's JSON does not parse. */
  error?: { line: number; message: string };
}

/** The page-level annotation, `<!-- { "type": "#page.annotation", ... } -->`. */
export interface PageAnnotation {
  line: number;
  /** ApiDoctor's way to silence a known finding on the page, one text each. */
  suppressions: TextAt[];
}

export interface Example {
  annotation: ExampleAnnotation;
  blockType: "request" | "response";
  /** Line of the opening fence. */
  line: number;
  /** True when the block holds only blank lines. */
  empty: boolean;
  message: HttpMessage;
  /**
   * The body read as JSON, when the example declares a JSON body: a JSON
   * Content-Type, or no Content-Type and a body that opens with `{` or `[`. A CSV,
   * stream or text body is not JSON and is not judged as JSON.
   */
  json?: JsonParseResult;
}

export interface UnclosedFence {
  /** Line of the opening fence. */
  line: number;
  marker: string;
}

export interface DocPage {
  /** The page as the user named it (relative to the working directory where possible). */
  path: string;
  absolutePath: string;
  frontMatter?: FrontMatter;
  title?: TextAt;
  /** The value after "Namespace:". */
  namespace?: TextAt;
  /** Undefined when the page has no "HTTP request" section at all. */
  httpRequest?: HttpRequestBlock;
  permissions: TableRow[];
  requestHeaders: TableRow[];
  properties: PropertyRow[];
  examples: Example[];
  /** Annotations whose JSON does not parse. */
  strayAnnotations: ExampleAnnotation[];
  /** Request and response annotations not followed directly by a code block. */
  unpairedAnnotations: ExampleAnnotation[];
  unclosedFences: UnclosedFence[];
  pageAnnotation?: PageAnnotation;
}
