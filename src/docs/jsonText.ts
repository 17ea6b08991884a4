import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
import type { JsonParseResult, JsonPathSegment } from "./model";

function lineAndColumn(text: string, offset: number, firstLine: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lastBreak = before.lastIndexOf("\n");
  return { line: firstLine + (before.match(/\n/g)?.length ?? 0), column: offset - lastBreak };
}

/** "CloseBraceExpected" → "close brace expected". */
function describeParseError(error: ParseError): string {
  return printParseErrorCode(error.error)
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
}

/**
 * Control characters written raw inside string literals, each replaced by a space
 * so every offset (and so every line) stays where it was. Json.NET, which reads
 * ApiDoctor annotations, accepts a line break inside a string; published pages
 * write multi-line suppression strings that way.
 */
function blankRawControlCharacters(text: string): string {
  let inString = false;
  let out = "";
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (inString && char === "\\") {
      out += char + (text[index + 1] ?? "");
      index++;
      continue;
    }
    if (char === '"') inString = !inString;
    out += inString && char < " " ? " " : char;
  }
  return out;
}

export interface JsonReadOptions {
  /**
   * Read as Json.NET reads annotation comments: comments, trailing commas and raw
   * line breaks inside strings allowed. Example bodies stay strict.
   */
  lenient?: boolean;
}

function syntaxError(text: string, errors: readonly ParseError[], firstLine: number): JsonParseResult {
  const first = errors[0];
  const where = lineAndColumn(text, first?.offset ?? 0, firstLine);
  return { ok: false, ...where, message: `not valid JSON: ${first ? describeParseError(first) : "no value"}` };
}

/**
 * Parses JSON and keeps a way to find the line of any member, so a schema violation
 * at `$.statistics["@odata.type"]` can be reported on its line. Strict by default
 * (JSON.parse is the judge: no comments, no trailing commas). The syntax tree behind
 * line numbers is built only when a line is asked for: most bodies need none.
 * `firstLine` is the file line the text starts on.
 */
export function parseJsonWithLines(text: string, firstLine: number, options: JsonReadOptions = {}): JsonParseResult {
  if (text.trim() === "") return { ok: false, line: firstLine, column: 1, message: "no JSON value (the text is empty)" };
  const source = options.lenient ? blankRawControlCharacters(text) : text;
  const treeOptions = { disallowComments: !options.lenient, allowTrailingComma: options.lenient ?? false, allowEmptyContent: false };
  let value: unknown;
  let tree: Node | undefined;
  try {
    value = JSON.parse(source);
  } catch (error) {
    const errors: ParseError[] = [];
    tree = parseTree(source, errors, treeOptions);
    if (errors.length > 0 || tree === undefined) return syntaxError(text, errors, firstLine);
    // The tree reader let through what JSON.parse did not (a lone control character, say).
    if (!options.lenient) return { ok: false, line: firstLine, column: 1, message: `not valid JSON: ${(error as Error).message}` };
    value = getNodeValue(tree);
  }
  return {
    ok: true,
    value,
    lineOf(path) {
      tree ??= parseTree(source, [], treeOptions);
      for (let length = path.length; length >= 0; length--) {
        const node: Node | undefined = tree && findNodeAtLocation(tree, path.slice(0, length) as JsonPathSegment[]);
        if (!node) continue;
        // A member's line is the line of its key, which is where a reader looks.
        const anchor = node.parent?.type === "property" ? node.parent : node;
        return lineAndColumn(text, anchor.offset, firstLine).line;
      }
      return firstLine;
    },
  };
}
