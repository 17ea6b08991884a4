/** `application/json`, `text/json`, or any `+json` type, parameters allowed: how a doc page and the Pact front tell a JSON body. */
export function isJsonMediaType(contentType: string): boolean {
  const mediaType = contentType.split(";")[0].trim().toLowerCase();
  return mediaType === "application/json" || mediaType === "text/json" || mediaType.endsWith("+json");
}
