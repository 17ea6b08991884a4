import MarkdownIt from "markdown-it";
import frontMatterPlugin from "markdown-it-front-matter";
import { isMap, LineCounter, parseDocument } from "yaml";
import { headerValue, parseHttpMessage, parseRequestLine, startsJson } from "./httpMessage";
import { isJsonMediaType } from "../mediaType";
import { parseJsonWithLines } from "./jsonText";
import type {
  DocPage,
  Example,
  ExampleAnnotation,
  FrontMatter,
  HttpMessage,
  HttpRequestBlock,
  HttpRequestLine,
  PageAnnotation,
  PropertyRow,
  TableRow,
  TextAt,
} from "./model";

// html: true, or annotation comments come out as paragraphs instead of html_block tokens.
// The plugin's callback is required but unused: the front_matter token carries the text.
type Token = MarkdownIt.Token;

const markdown = new MarkdownIt({ html: true }).use(frontMatterPlugin, () => undefined);
// Inline markup (links, emphasis) is parsed only for the few tokens the linter reads
// it in (titles, section headings, table cells): on a published page, parsing every
// paragraph's links took about half of markdown-it's time.
markdown.core.ruler.disable("inline");

const inlineParsed = new WeakSet<Token>();

/** The inline tokens of an inline block token, parsed on first use (block rules leave `children` empty). */
function inlineChildren(inline: Token): Token[] {
  if (!inlineParsed.has(inline)) {
    const children: Token[] = [];
    markdown.inline.parse(inline.content, markdown, {}, children);
    inline.children = children;
    inlineParsed.add(inline);
  }
  return inline.children ?? [];
}

/** 1-based file line of a block token (markdown-it maps are 0-based and cover the whole file). */
function lineOf(token: Token): number {
  return (token.map?.[0] ?? 0) + 1;
}

/** Lines of a fence's content, without the terminator of the last one. */
function fenceLines(token: Token): string[] {
  const lines = token.content.split("\n");
  if (token.content.endsWith("\n")) lines.pop();
  return lines;
}

function inlineText(inline: Token | undefined): string {
  if (!inline) return "";
  return inlineChildren(inline)
    .filter((child) => child.type === "text" || child.type === "code_inline")
    .map((child) => child.content)
    .join("")
    .trim();
}

const FLAT_FIELD = /^([A-Za-z_][\w.-]*):[ ]+(.*?)[ ]*$/;
/** A plain scalar that needs YAML's full grammar: an indicator first, a comment, a nested mapping, a tab. */
const NEEDS_YAML = /^(?:[[\]{}&*!|>'"%@`#,?:~]|- )|: | #|\t/;
/** A plain scalar YAML reads as a boolean, null or number (`09/10/2017` is a string). */
const NOT_A_STRING = /^(?:true|false|null|yes|no|on|off|[-+]?(?:\d[\d_]*(?:\.\d*)?(?:e[-+]?\d+)?|\.\d+|0x[\da-f]+|0o[0-7]+|\.inf)|\.nan)$/i;

function flatScalar(text: string): string | undefined {
  const quoted = /^"([^"\\]*)"$|^'([^']*)'$/.exec(text);
  if (quoted) return quoted[1] ?? quoted[2];
  return text === "" || NEEDS_YAML.test(text) || NOT_A_STRING.test(text) ? undefined : text;
}

/**
 * The front matter every Graph page has, one `key: string` per line, read without
 * the YAML parser (it took a fifth of the linter's time on published pages).
 * Anything else (a list, a number, a comment, a repeated key, an escape) returns
 * undefined and goes to the YAML parser, which stays the judge.
 */
function flatFrontMatter(text: string, line: number): FrontMatter | undefined {
  const fields: FrontMatter["fields"] = [];
  const keys = new Set<string>();
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    if (lines[index].trim() === "") continue;
    const field = FLAT_FIELD.exec(lines[index].replace(/\r$/, ""));
    const value = field ? flatScalar(field[2]) : undefined;
    if (!field || value === undefined || keys.has(field[1])) return undefined;
    keys.add(field[1]);
    fields.push({ key: field[1], value, line: line + 1 + index });
  }
  return fields.length > 0 ? { line, fields } : undefined;
}

function parseFrontMatter(token: Token): FrontMatter {
  const line = lineOf(token);
  const flat = flatFrontMatter(String(token.meta ?? ""), line);
  if (flat) return flat;
  const lineCounter = new LineCounter();
  const document = parseDocument(String(token.meta ?? ""), { lineCounter });
  // The YAML text starts on the line after the opening `---`.
  const fileLine = (offset: number) => line + lineCounter.linePos(offset).line;
  if (document.errors.length > 0) {
    const error = document.errors[0];
    // yaml's message ends with its own position in the YAML text, which is not the file's.
    const message = error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
    return { line, fields: [], error: { line: fileLine(error.pos[0]), message } };
  }
  if (!isMap(document.contents)) return { line, fields: [], error: { line, message: "front matter is not a YAML mapping" } };
  const fields = document.contents.items.map((pair) => {
    const key = pair.key as { value?: unknown; range?: [number, number, number] } | null;
    const value = pair.value as { toJSON?: () => unknown } | null;
    return {
      key: String(key?.value ?? ""),
      value: value?.toJSON ? value.toJSON() : value,
      line: fileLine(key?.range?.[0] ?? 0),
    };
  });
  return { line, fields };
}

interface RawTable {
  header: string[];
  rows: { line: number; cells: Token[] }[];
  line: number;
}

/** Reads the table starting at tokens[start] (a table_open); returns it and the index after it. */
function readTable(tokens: Token[], start: number): { table: RawTable; next: number } {
  const table: RawTable = { header: [], rows: [], line: lineOf(tokens[start]) };
  let index = start + 1;
  let row: { line: number; cells: Token[] } | undefined;
  for (; index < tokens.length && tokens[index].type !== "table_close"; index++) {
    const token = tokens[index];
    if (token.type === "tr_open") row = { line: lineOf(token), cells: [] };
    else if (token.type === "inline" && row) row.cells.push(token);
    else if (token.type === "tr_close" && row) {
      if (table.header.length === 0) table.header = row.cells.map((cell) => inlineText(cell).toLowerCase());
      else table.rows.push(row);
      row = undefined;
    }
  }
  return { table, next: index };
}

function enumMembers(description: Token | undefined): string[] {
  const children = description ? inlineChildren(description) : [];
  const phrase = children.findIndex((child) => child.type === "text" && /possible values are/i.test(child.content));
  if (phrase === -1) return [];
  return children.slice(phrase + 1).filter((child) => child.type === "code_inline").map((child) => child.content);
}

function requirementMark(description: string): PropertyRow["mark"] {
  // "Required." / "Optional." as a sentence of their own, as the Graph templates write them.
  if (/(^|[\s.*])Required\.(\s|$)/.test(description)) return "required";
  if (/(^|[\s.*])Optional\.(\s|$)/.test(description)) return "optional";
  return undefined;
}

function propertyRows(table: RawTable, section: string): PropertyRow[] {
  const column = (name: string) => table.header.indexOf(name);
  const [nameAt, typeAt, descriptionAt] = [column("property"), column("type"), column("description")];
  return table.rows.map((row) => {
    const description = row.cells[descriptionAt]?.content.trim() ?? "";
    const mark = requirementMark(description);
    return {
      line: row.line,
      name: inlineText(row.cells[nameAt]),
      type: inlineText(row.cells[typeAt]),
      description,
      enumMembers: enumMembers(row.cells[descriptionAt]),
      ...(mark ? { mark } : {}),
      section,
    };
  });
}

function tableRows(table: RawTable): TableRow[] {
  return table.rows.map((row) => ({ line: row.line, cells: row.cells.map((cell) => cell.content.trim()) }));
}

/**
 * The JSON text of an annotation comment: an HTML block whose comment, as ApiDoctor
 * reads it (from the first `<!--` to the next `-->`), opens with `{`. Any other
 * comment (`<!-- uuid: … -->`) is prose to the linter.
 */
function annotationText(token: Token): string | undefined {
  if (token.type !== "html_block") return undefined;
  const start = token.content.indexOf("<!--");
  if (start === -1) return undefined;
  const end = token.content.indexOf("-->", start + 4);
  const inner = token.content.slice(start + 4, end === -1 ? undefined : end);
  return inner.trimStart().startsWith("{") ? inner : undefined;
}

const PAGE_ANNOTATION_TYPE = "#page.annotation";
const COLLECTION = /^collection\((.*)\)$/i;

type Annotation = { kind: "page"; annotation: PageAnnotation } | { kind: "block"; annotation: ExampleAnnotation };

function parseAnnotation(token: Token, inner: string): Annotation {
  const line = lineOf(token);
  // The JSON starts on the comment's first line, right after `<!--`.
  const json = parseJsonWithLines(inner, line, { lenient: true });
  const broken = (message: string): Annotation => ({ kind: "block", annotation: { line, truncated: false, isCollection: false, error: { line: json.ok ? line : json.line, message } } });
  if (!json.ok) return broken(`annotation ${json.message}`);
  if (json.value === null || typeof json.value !== "object" || Array.isArray(json.value)) return broken("annotation is not a JSON object");
  const fields = json.value as Record<string, unknown>;
  // An annotation is a flat object: a top-level key's line is that of its first `"key":`,
  // found without building the syntax tree; list items take the tree.
  const keyLine = (key: string): number => {
    const at = new RegExp(`"${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"\\s*:`).exec(inner);
    return at ? line + (inner.slice(0, at.index).match(/\n/g)?.length ?? 0) : json.lineOf([key]);
  };
  const textAt = (key: string, value: unknown, path?: (string | number)[]): TextAt | undefined =>
    typeof value === "string" ? { text: value, line: path ? json.lineOf(path) : keyLine(key) } : undefined;

  if (typeof fields.type === "string" && fields.type.toLowerCase() === PAGE_ANNOTATION_TYPE) {
    const listed = Array.isArray(fields.suppressions) ? fields.suppressions : [];
    const suppressions = listed.flatMap((entry, index) => textAt("suppressions", entry, ["suppressions", index]) ?? []);
    return { kind: "page", annotation: { line, suppressions } };
  }

  const name = Array.isArray(fields.name) ? textAt("name", fields.name[0], ["name", 0]) : textAt("name", fields.name);
  const typeKey = fields["@odata.type"] !== undefined ? "@odata.type" : "@type";
  const declaredType = textAt(typeKey, fields[typeKey]);
  const collectionOf = declaredType ? COLLECTION.exec(declaredType.text) : null;
  const odataType = collectionOf && declaredType ? { text: collectionOf[1], line: declaredType.line } : declaredType;
  return {
    kind: "block",
    annotation: {
      line,
      ...(typeof fields.blockType === "string" ? { blockType: fields.blockType.toLowerCase() } : {}),
      ...(name ? { name } : {}),
      truncated: fields.truncated === true,
      ...(odataType ? { odataType } : {}),
      isCollection: fields.isCollection === true || collectionOf !== null,
    },
  };
}

function isExampleBlockType(blockType: string | undefined): blockType is Example["blockType"] {
  return blockType === "request" || blockType === "response";
}

function parseHttpRequestBlock(fence: Token): HttpRequestBlock {
  const firstLine = lineOf(fence) + 1;
  const requests: HttpRequestLine[] = [];
  const malformed: TextAt[] = [];
  fenceLines(fence).forEach((text, index) => {
    if (text.trim() === "") return;
    const request = parseRequestLine(text);
    if (request) requests.push({ method: request.method, path: request.target, line: firstLine + index });
    else malformed.push({ text, line: firstLine + index });
  });
  return { line: lineOf(fence), requests, malformed };
}

/** Whether the example says its body is JSON (see Example.json). */
function declaresJsonBody(message: HttpMessage): boolean {
  const contentType = headerValue(message, "content-type");
  if (contentType) return isJsonMediaType(contentType.value);
  return message.body !== undefined && startsJson(message.body.lines[0]);
}

function exampleOf(annotation: ExampleAnnotation & { blockType: Example["blockType"] }, fence: Token): Example {
  const lines = fenceLines(fence);
  const message = parseHttpMessage(lines, lineOf(fence) + 1);
  return {
    annotation,
    blockType: annotation.blockType,
    line: lineOf(fence),
    empty: lines.every((text) => text.trim() === ""),
    message,
    ...(message.body && declaresJsonBody(message) ? { json: message.body.json } : {}),
  };
}

/**
 * A fence is closed when its last line is a run of its marker character at least as
 * long as the opening one; markdown-it otherwise runs it to the end of its container.
 */
function isUnclosed(fence: Token, sourceLines: readonly string[]): boolean {
  const [start, end] = fence.map ?? [0, 0];
  if (end - start < 2) return true;
  const closing = sourceLines[end - 1]?.replace(/^[\s>]*/, "").trimEnd() ?? "";
  const marker = fence.markup[0];
  return !(closing.length >= fence.markup.length && [...closing].every((char) => char === marker));
}

/**
 * Parses one doc page (markdown with YAML front matter, Graph/ApiDoctor conventions)
 * into the doc-page model. It never throws on page content: whatever does not fit
 * the conventions is left out or recorded for the linter to report.
 *
 * Like ApiDoctor, it pairs an annotation with the code block right after it; an
 * annotation of another kind (`ignored`, `permissions`) may stand before prose or an
 * include. Tabbed SDK snippets (`# [HTTP](#tab/http)` … `---`) and `[!INCLUDE …]`
 * lines are markdown the parser passes over.
 */
export function parsePage(source: string, path: string, absolutePath: string): DocPage {
  const tokens = markdown.parse(source, {});
  const sourceLines = source.split("\n");
  const page: DocPage = {
    path,
    absolutePath,
    permissions: [],
    requestHeaders: [],
    properties: [],
    examples: [],
    strayAnnotations: [],
    unpairedAnnotations: [],
    unclosedFences: [],
  };
  let section = "";
  let pendingAnnotation: ExampleAnnotation | undefined;
  const leaveUnpaired = (annotation: ExampleAnnotation) => {
    if (annotation.error) page.strayAnnotations.push(annotation);
    else if (isExampleBlockType(annotation.blockType)) page.unpairedAnnotations.push(annotation);
  };

  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (pendingAnnotation && token.type !== "fence") {
      leaveUnpaired(pendingAnnotation);
      pendingAnnotation = undefined;
    }
    switch (token.type) {
      case "front_matter":
        page.frontMatter = parseFrontMatter(token);
        break;
      case "heading_open": {
        if (token.tag === "h1" && !page.title) page.title = { text: inlineText(tokens[index + 1]), line: lineOf(token) };
        if (token.tag === "h2") {
          section = inlineText(tokens[index + 1]).toLowerCase();
          if (section === "http request" && !page.httpRequest) page.httpRequest = { line: lineOf(token), requests: [], malformed: [] };
        }
        break;
      }
      case "inline": {
        const namespace = /^Namespace:\s*(\S+)/.exec(token.content);
        if (namespace && !page.namespace && section === "") page.namespace = { text: namespace[1], line: lineOf(token) };
        break;
      }
      case "table_open": {
        const { table, next } = readTable(tokens, index);
        index = next;
        if (table.header[0] === "property" && table.header.includes("type")) page.properties.push(...propertyRows(table, section));
        else if (table.header[0] === "permission type") page.permissions.push(...tableRows(table));
        else if (section === "request headers") page.requestHeaders.push(...tableRows(table));
        break;
      }
      case "html_block": {
        const inner = annotationText(token);
        if (inner === undefined) break;
        const parsed = parseAnnotation(token, inner);
        if (parsed.kind === "page") page.pageAnnotation ??= parsed.annotation;
        else pendingAnnotation = parsed.annotation;
        break;
      }
      case "fence": {
        if (isUnclosed(token, sourceLines)) page.unclosedFences.push({ line: lineOf(token), marker: token.markup });
        const annotation = pendingAnnotation;
        pendingAnnotation = undefined;
        if (annotation?.error) {
          page.strayAnnotations.push(annotation);
        } else if (annotation && isExampleBlockType(annotation.blockType)) {
          page.examples.push(exampleOf({ ...annotation, blockType: annotation.blockType }, token));
        } else if (section === "http request" && page.httpRequest && page.httpRequest.requests.length === 0 && page.httpRequest.malformed.length === 0) {
          page.httpRequest = parseHttpRequestBlock(token);
        }
        break;
      }
    }
  }
  if (pendingAnnotation) leaveUnpaired(pendingAnnotation);
  return page;
}

/**
 * Why a file is not a doc page, or undefined when it is one: a doc page has a `# `
 * title and at least one of front matter, an "HTTP request" section, a property
 * table or an annotated example.
 */
export function notADocPage(page: DocPage): string | undefined {
  if (!page.title) return "not a doc page: no '# ' title";
  const structure = page.frontMatter || page.httpRequest || page.properties.length > 0 || page.examples.length > 0;
  return structure ? undefined : "not a doc page: no front matter, HTTP request section, property table or annotated example";
}
