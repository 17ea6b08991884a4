import MarkdownIt from "markdown-it";
import frontMatterPlugin from "markdown-it-front-matter";
import { isMap, LineCounter, parseDocument } from "yaml";
import { parseHttpMessage } from "./httpMessage";
import { parseJsonWithLines } from "./jsonText";
import type {
  DocPage,
  Example,
  ExampleAnnotation,
  FrontMatter,
  HttpRequestBlock,
  HttpRequestLine,
  PropertyRow,
  TableRow,
  TextAt,
} from "./model";

// html: true, or annotation comments come out as paragraphs instead of html_block tokens.
// The plugin's callback is required but unused: the front_matter token carries the text.
type Token = MarkdownIt.Token;

const markdown = new MarkdownIt({ html: true }).use(frontMatterPlugin, () => undefined);

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
  if (!inline?.children) return inline?.content ?? "";
  return inline.children
    .filter((child) => child.type === "text" || child.type === "code_inline")
    .map((child) => child.content)
    .join("")
    .trim();
}

function parseFrontMatter(token: Token): FrontMatter {
  const line = lineOf(token);
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
  const children = description?.children ?? [];
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

function propertyRows(table: RawTable): PropertyRow[] {
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
    };
  });
}

function tableRows(table: RawTable): TableRow[] {
  return table.rows.map((row) => ({ line: row.line, cells: row.cells.map((cell) => cell.content.trim()) }));
}

const ANNOTATION = /^\s*<!--([\s\S]*?)-->\s*$/;

function isAnnotation(token: Token): boolean {
  return token.type === "html_block" && ANNOTATION.test(token.content) && token.content.includes("{");
}

function parseAnnotation(token: Token): ExampleAnnotation {
  const line = lineOf(token);
  const match = ANNOTATION.exec(token.content);
  const inner = match ? match[1] : "";
  // The JSON starts on the comment's first line, right after `<!--`.
  const json = parseJsonWithLines(inner, line);
  if (!json.ok) return { line, truncated: false, error: { line: json.line, message: `annotation ${json.message}` } };
  if (json.value === null || typeof json.value !== "object" || Array.isArray(json.value)) {
    return { line, truncated: false, error: { line, message: "annotation is not a JSON object" } };
  }
  const fields = json.value as Record<string, unknown>;
  const textField = (key: string): TextAt | undefined =>
    typeof fields[key] === "string" ? { text: fields[key] as string, line: json.lineOf([key]) } : undefined;
  const name = textField("name");
  const odataType = textField("@odata.type");
  return {
    line,
    ...(typeof fields.blockType === "string" ? { blockType: fields.blockType } : {}),
    ...(name ? { name } : {}),
    truncated: fields.truncated === true,
    ...(odataType ? { odataType } : {}),
  };
}

function parseHttpRequestBlock(fence: Token): HttpRequestBlock {
  const firstLine = lineOf(fence) + 1;
  const requests: HttpRequestLine[] = [];
  const malformed: TextAt[] = [];
  fenceLines(fence).forEach((text, index) => {
    if (text.trim() === "") return;
    const request = /^\s*([A-Z]+)\s+(\/\S*)\s*$/.exec(text);
    if (request) requests.push({ method: request[1], path: request[2], line: firstLine + index });
    else malformed.push({ text, line: firstLine + index });
  });
  return { line: lineOf(fence), requests, malformed };
}

function exampleOf(annotation: ExampleAnnotation, fence: Token): Example {
  const lines = fenceLines(fence);
  return {
    annotation,
    blockType: annotation.blockType as Example["blockType"],
    line: lineOf(fence),
    empty: lines.every((text) => text.trim() === ""),
    message: parseHttpMessage(lines, lineOf(fence) + 1),
  };
}

/**
 * Parses one doc page (markdown with YAML front matter, Graph/ApiDoctor conventions)
 * into the doc-page model. It never throws on page content: whatever does not fit
 * the conventions is left out or recorded for the linter to report.
 */
export function parsePage(source: string, path: string, absolutePath: string): DocPage {
  const tokens = markdown.parse(source, {});
  const page: DocPage = { path, absolutePath, permissions: [], requestHeaders: [], properties: [], examples: [], strayAnnotations: [] };
  let section = "";
  let pendingAnnotation: ExampleAnnotation | undefined;

  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (pendingAnnotation && token.type !== "fence") {
      page.strayAnnotations.push(pendingAnnotation);
      pendingAnnotation = undefined;
    }
    switch (token.type) {
      case "front_matter":
        page.frontMatter = parseFrontMatter(token);
        break;
      case "heading_open": {
        const text = inlineText(tokens[index + 1]);
        if (token.tag === "h1" && !page.title) page.title = { text, line: lineOf(token) };
        if (token.tag === "h2") {
          section = text.toLowerCase();
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
        if (table.header[0] === "property" && table.header.includes("type")) page.properties.push(...propertyRows(table));
        else if (table.header[0] === "permission type") page.permissions.push(...tableRows(table));
        else if (section === "request headers") page.requestHeaders.push(...tableRows(table));
        break;
      }
      case "html_block":
        if (isAnnotation(token)) pendingAnnotation = parseAnnotation(token);
        break;
      case "fence": {
        const annotation = pendingAnnotation;
        pendingAnnotation = undefined;
        if (annotation && (annotation.blockType === "request" || annotation.blockType === "response")) {
          page.examples.push(exampleOf(annotation, token));
        } else if (annotation?.error) {
          page.strayAnnotations.push(annotation);
        } else if (section === "http request" && page.httpRequest && page.httpRequest.requests.length === 0 && page.httpRequest.malformed.length === 0) {
          page.httpRequest = parseHttpRequestBlock(token);
        }
        break;
      }
    }
  }
  if (pendingAnnotation) page.strayAnnotations.push(pendingAnnotation);
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
