import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
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
 * Parses strict JSON (no comments, no trailing commas) and keeps the syntax tree, so
 * a schema violation at `$.statistics["@odata.type"]` can be reported on its line.
 * `firstLine` is the file line the text starts on.
 */
export function parseJsonWithLines(text: string, firstLine: number): JsonParseResult {
  if (text.trim() === "") return { ok: false, line: firstLine, column: 1, message: "no JSON value (the text is empty)" };
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0 || tree === undefined) {
    const first = errors[0];
    const where = lineAndColumn(text, first?.offset ?? 0, firstLine);
    return { ok: false, ...where, message: `not valid JSON: ${first ? describeParseError(first) : "no value"}` };
  }
  let value: unknown;
  try {
    // The tree gives positions; JSON.parse stays the judge of what JSON is.
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, line: firstLine, column: 1, message: `not valid JSON: ${(error as Error).message}` };
  }
  return {
    ok: true,
    value,
    lineOf(path) {
      for (let length = path.length; length >= 0; length--) {
        const node: Node | undefined = findNodeAtLocation(tree, path.slice(0, length) as JsonPathSegment[]);
        if (!node) continue;
        // A member's line is the line of its key, which is where a reader looks.
        const anchor = node.parent?.type === "property" ? node.parent : node;
        return lineAndColumn(text, anchor.offset, firstLine).line;
      }
      return firstLine;
    },
  };
}
