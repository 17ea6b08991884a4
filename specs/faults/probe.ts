import { findOperation, resourceTypes, type OperationId } from "../../src/catalog";
import type { RunningProvider } from "../../src/provider";

/** One answer, read whole: status, headers and the body as text and (when it parses) JSON. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export interface SendOptions {
  /** Default true: `Authorization: Bearer <token>`. */
  authenticate?: boolean;
  /** With `authenticate: false`, this Authorization header instead of none. */
  authorization?: string;
  /** Default `application/json`. */
  contentType?: string;
  /** Sent as is instead of `JSON.stringify(body)`. */
  raw?: string;
}

/** A plain HTTP client for one server of the catalogue, to show what it does without the suite's checks. */
export class Probe {
  private nextId = 0;

  constructor(
    private readonly server: RunningProvider,
    private readonly token = "probe-token",
  ) {}

  get origin(): string {
    return new URL(this.server.baseUrl).origin;
  }

  async send(method: string, url: string, body: unknown, options: SendOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = { "content-type": options.contentType ?? "application/json" };
    if (options.authenticate !== false) headers.authorization = `Bearer ${this.token}`;
    else if (options.authorization !== undefined) headers.authorization = options.authorization;
    const response = await fetch(url, { method, headers, body: options.raw ?? JSON.stringify(body) });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  }

  /** Sets up the provider state of the operation's type under a fresh id, and returns the id. */
  async entity(operationId: OperationId): Promise<string> {
    this.nextId += 1;
    const id = `probe-${this.nextId}`;
    const state = resourceTypes()[operation(operationId).type].providerState;
    const answer = await this.send("POST", this.server.stateUrl, { state, params: { id }, action: "setup" });
    if (answer.status !== 200) throw new Error(`provider state ${state} answered ${answer.status}`);
    return id;
  }

  patch(operationId: OperationId, id: string, body: unknown, options?: SendOptions): Promise<Answer> {
    return this.send("PATCH", `${this.server.baseUrl}${operation(operationId).path.replace("{id}", encodeURIComponent(id))}`, body, options);
  }

  /** PATCHes a fresh entity of the operation's type. */
  async patchNew(operationId: OperationId, body: unknown, options?: SendOptions): Promise<Answer> {
    return this.patch(operationId, await this.entity(operationId), body, options);
  }

  post(body: unknown, options?: SendOptions): Promise<Answer> {
    return this.send("POST", `${this.server.baseUrl}${operation("industryData.runGroup.create").path}`, body, options);
  }
}

function operation(id: OperationId) {
  const found = findOperation(id);
  if (!found) throw new Error(`unknown operation ${id}`);
  return found;
}
