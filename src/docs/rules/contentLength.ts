import { finding, type Finding } from "../findings";
import { headerValue } from "../httpMessage";
import type { HttpBody } from "../model";
import { describeExample, type PageRule } from "./context";

/**
 * The bytes a body takes on the wire: its lines as written, UTF-8, joined by CRLF
 * (HTTP line ends), with no line end after the last line, since the body ends where
 * the example's code block closes.
 */
export function wireLength(body: HttpBody | undefined): number {
  return body ? Buffer.byteLength(body.lines.join("\r\n"), "utf8") : 0;
}

/** content-length-mismatch: an example's Content-Length header against its body's wire length. */
export const contentLengthRule: PageRule = ({ page }) => {
  const findings: Finding[] = [];
  for (const example of page.examples) {
    const header = headerValue(example.message, "content-length");
    if (!header) continue;
    const actual = wireLength(example.message.body);
    if (!/^\d+$/.test(header.value)) {
      findings.push(finding(page.path, header.line, "content-length-mismatch", `${header.name} "${header.value}" of ${describeExample(example)} is not a byte count (the body is ${actual} bytes)`));
    } else if (Number(header.value) !== actual) {
      findings.push(
        finding(page.path, header.line, "content-length-mismatch", `${header.name} is ${header.value} but the body of ${describeExample(example)} is ${actual} bytes on the wire (UTF-8, lines ending in CRLF)`),
      );
    }
  }
  return findings;
};
