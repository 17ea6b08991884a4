/** Escaping shared by the HTML and JUnit writers. */

// XML 1.0 §2.2 Char: everything outside it makes the document ill-formed (lone
// surrogates included, which the `u` flag matches as single code points).
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Replaces characters XML 1.0 forbids with U+FFFD, so the reader still sees that something was there. */
export function toXmlChars(text: string): string {
  return text.replace(NOT_XML_CHAR, "\uFFFD");
}

/** Text content or attribute value, safe in both HTML and XML. */
export function escapeMarkup(text: string): string {
  return toXmlChars(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Attribute value whose line breaks and tabs survive attribute-value normalisation. */
export function escapeAttribute(text: string): string {
  return escapeMarkup(text).replace(/\r/g, "&#13;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");
}
