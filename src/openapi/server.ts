/** The `servers` URL of the OpenAPI document unless one is given: the Graph beta endpoint. */
export const DEFAULT_SERVER = "https://graph.microsoft.com/beta";
