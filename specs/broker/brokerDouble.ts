/**
 * A Pact Broker double on loopback: just enough of the broker's HAL API for the
 * official clients (the `pact-broker` CLI and the Pact JS Verifier) to publish
 * contracts, fetch pacts for verification, publish verification results and ask
 * can-i-deploy. It records every request it is sent, so specs assert on what the
 * clients sent rather than on what our code meant to send.
 *
 * Shapes follow the Pact Broker: the index's `_links`, `POST /contracts/publish`
 * (base64 contract content), the pacts-for-verification resource (GET for its
 * `self` link, then POST of the selectors), the pact resource with its
 * `pb:publish-verification-results` and `pb:provider` links, the pacticipant's
 * `pb:branch-version` link and `GET /matrix`.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { text } from "node:stream/consumers";

export interface RecordedRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  /** Parsed JSON body, or the raw text when it is not JSON, or undefined when empty. */
  body: unknown;
  /** The status the double answered with. */
  status: number;
}

/**
 * Who may use the double. Without valid credentials every request gets 401; a
 * read-only token may read (GET) but every write gets 403, as PactFlow's
 * read-only tokens do.
 */
export type BrokerDoubleAuth =
  | { kind: "none" }
  | { kind: "token"; token: string; readOnlyTokens?: string[] }
  | { kind: "basic"; username: string; password: string };

export interface PublishedPact {
  consumer: string;
  provider: string;
  consumerVersion: string;
  branch?: string;
  tags: string[];
  /** The pact document as the broker stores it. */
  content: Record<string, unknown>;
  /** The broker's id for this content (a hash, like the broker's pact-version sha). */
  pactVersion: string;
  /** Reported as pending when the verifier asks for pending status (a pact not yet verified by the provider's main line). */
  pending?: boolean;
}

export interface VerificationResultRecord {
  provider: string;
  consumer: string;
  pactVersion: string;
  /** The body the verifier posted (success, providerApplicationVersion, testResults, …). */
  result: Record<string, unknown>;
}

export interface BrokerDouble {
  baseUrl: string;
  requests: RecordedRequest[];
  pacts: PublishedPact[];
  verificationResults: VerificationResultRecord[];
  /** Provider version → branch, from the verifier's PUT to `pb:branch-version`. */
  providerBranches: Array<{ provider: string; branch: string; version: string }>;
  /** Stores a pact as if a consumer had published it. */
  seedPact(pact: Omit<PublishedPact, "pactVersion" | "tags"> & { tags?: string[] }): PublishedPact;
  close(): Promise<void>;
}

const HAL = "application/hal+json;charset=utf-8";

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function pactVersionOf(content: unknown): string {
  return createHash("sha1").update(JSON.stringify(content)).digest("hex");
}

function parseBody(raw: string): unknown {
  if (raw === "") return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function authStatus(auth: BrokerDoubleAuth, method: string, header: string | undefined): 200 | 401 | 403 {
  if (auth.kind === "none") return 200;
  if (auth.kind === "basic") {
    const expected = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString("base64")}`;
    return header === expected ? 200 : 401;
  }
  if (header === `Bearer ${auth.token}`) return 200;
  const readOnly = (auth.readOnlyTokens ?? []).some((token) => header === `Bearer ${token}`);
  if (!readOnly) return 401;
  return method === "GET" ? 200 : 403;
}

export function startBrokerDouble(options: { auth?: BrokerDoubleAuth } = {}): Promise<BrokerDouble> {
  const auth = options.auth ?? { kind: "none" };
  const requests: RecordedRequest[] = [];
  const pacts: PublishedPact[] = [];
  const verificationResults: VerificationResultRecord[] = [];
  const providerBranches: BrokerDouble["providerBranches"] = [];
  let baseUrl = "";

  const enc = encodeURIComponent;
  const pacticipantUrl = (name: string) => `${baseUrl}/pacticipants/${enc(name)}`;
  const pactUrl = (pact: PublishedPact) =>
    `${baseUrl}/pacts/provider/${enc(pact.provider)}/consumer/${enc(pact.consumer)}/pact-version/${pact.pactVersion}`;

  function store(pact: Omit<PublishedPact, "pactVersion">): PublishedPact {
    const stored = { ...pact, pactVersion: pactVersionOf(pact.content) };
    pacts.push(stored);
    return stored;
  }

  function index() {
    return {
      _links: {
        self: { href: baseUrl, title: "Index" },
        "pb:publish-contracts": { href: `${baseUrl}/contracts/publish`, title: "Publish contracts", templated: false },
        "pb:pacticipant": { href: `${baseUrl}/pacticipants/{pacticipant}`, title: "Fetch pacticipant by name", templated: true },
        "pb:latest-provider-pacts": { href: `${baseUrl}/pacts/provider/{provider}/latest`, title: "Latest pacts by provider", templated: true },
        "pb:provider-pacts-for-verification": {
          href: `${baseUrl}/pacts/provider/{provider}/for-verification`,
          title: "Pact versions to be verified for the specified provider",
          templated: true,
        },
      },
    };
  }

  function publishContracts(body: unknown) {
    const payload = body as {
      pacticipantName?: string;
      pacticipantVersionNumber?: string;
      branch?: string;
      tags?: string[];
      contracts?: Array<{ consumerName: string; providerName: string; content: string; contentType: string; specification: string }>;
    };
    if (!payload?.pacticipantName || !payload.pacticipantVersionNumber || !Array.isArray(payload.contracts)) {
      throw new HttpProblem(400, "pacticipantName, pacticipantVersionNumber and contracts are required");
    }
    const stored = payload.contracts.map((contract) =>
      store({
        consumer: contract.consumerName,
        provider: contract.providerName,
        consumerVersion: payload.pacticipantVersionNumber!,
        ...(payload.branch ? { branch: payload.branch } : {}),
        tags: payload.tags ?? [],
        content: JSON.parse(Buffer.from(contract.content, "base64").toString("utf8")) as Record<string, unknown>,
      }),
    );
    const name = payload.pacticipantName;
    const version = payload.pacticipantVersionNumber;
    const versionUrl = `${pacticipantUrl(name)}/versions/${enc(version)}`;
    return {
      notices: stored.map((pact) => ({ type: "success", text: `Pact published for ${pact.consumer} version ${version} and provider ${pact.provider}.` })),
      logs: stored.map(() => ({ level: "info", message: "Pact published", deprecationWarning: "Replaced by notices" })),
      _embedded: {
        pacticipant: { name, _links: { self: { href: pacticipantUrl(name) } } },
        version: { number: version, _links: { self: { href: versionUrl, name: version, title: "Version" } } },
      },
      _links: {
        "pb:pacticipant": { href: pacticipantUrl(name), name, title: "Pacticipant" },
        "pb:pacticipant-version": { href: versionUrl, name: version, title: "Pacticipant version" },
        "pb:pacticipant-version-tags": (payload.tags ?? []).map((tag) => ({ href: `${versionUrl}/tags/${enc(tag)}`, name: tag, title: "Tag" })),
        "pb:contracts": stored.map((pact) => ({ href: pactUrl(pact), name: `Pact between ${pact.consumer} and ${pact.provider}`, title: "Pact" })),
      },
    };
  }

  /** The latest pact of each consumer for a provider: enough for the default selectors in a spec. */
  function pactsForVerification(provider: string, body: unknown) {
    const request = body as { includePendingStatus?: boolean; providerVersionBranch?: string; consumerVersionSelectors?: Array<Record<string, unknown>> };
    // The broker's own rule, so a client that sends matchingBranch without a branch fails here as it would there.
    if (request?.consumerVersionSelectors?.some((selector) => selector.matchingBranch) && !request.providerVersionBranch) {
      throw new HttpProblem(400, "the providerVersionBranch must be specified when the selector matchingBranch=true is used");
    }
    const latestByConsumer = new Map<string, PublishedPact>();
    for (const pact of pacts) if (pact.provider === provider) latestByConsumer.set(pact.consumer, pact);
    return {
      _embedded: {
        pacts: [...latestByConsumer.values()].map((pact) => ({
          shortDescription: `latest from ${pact.consumer} version ${pact.consumerVersion}`,
          verificationProperties: {
            ...(request?.includePendingStatus ? { pending: pact.pending === true } : {}),
            notices: [{ when: "before_verification", text: `The pact at ${pactUrl(pact)} is being verified` }],
          },
          _links: { self: { href: pactUrl(pact), name: `Pact between ${pact.consumer} (${pact.consumerVersion}) and ${pact.provider}` } },
        })),
      },
      _links: { self: { href: `${baseUrl}/pacts/provider/${enc(provider)}/for-verification` } },
    };
  }

  function matrix(query: URLSearchParams) {
    const names = query.getAll("q[][pacticipant]");
    const versions = query.getAll("q[][version]");
    const selected = new Map(names.map((name, position) => [name, versions[position]]));
    const rows = verificationResults
      .filter((record) => {
        const pact = pacts.find((candidate) => candidate.pactVersion === record.pactVersion);
        const providerVersion = selected.get(record.provider);
        const consumerVersion = selected.get(record.consumer);
        return (
          (selected.has(record.provider) && (providerVersion === undefined || record.result.providerApplicationVersion === providerVersion)) ||
          (selected.has(record.consumer) && (consumerVersion === undefined || pact?.consumerVersion === consumerVersion))
        );
      })
      .map((record) => ({
        consumer: { name: record.consumer, version: { number: pacts.find((pact) => pact.pactVersion === record.pactVersion)?.consumerVersion ?? "unknown" } },
        provider: { name: record.provider, version: { number: String(record.result.providerApplicationVersion) } },
        verificationResult: { success: record.result.success === true, _links: { self: { href: `${baseUrl}/verification-results/${record.pactVersion}` } } },
      }));
    const failed = rows.filter((row) => !row.verificationResult.success).length;
    const deployable = rows.length > 0 && failed === 0;
    return {
      summary: {
        deployable,
        reason: deployable ? "All required verification results are published and successful" : rows.length === 0 ? "No verification results" : "One or more verifications failed",
        success: rows.length - failed,
        failed,
        unknown: 0,
      },
      notices: [{ type: deployable ? "success" : "error", text: deployable ? "Computer says yes \\o/" : "Computer says no ¯\\_(ツ)_/¯" }],
      matrix: rows,
    };
  }

  function findPact(provider: string, consumer: string, pactVersion: string): PublishedPact {
    const pact = pacts.find((candidate) => candidate.provider === provider && candidate.consumer === consumer && candidate.pactVersion === pactVersion);
    if (!pact) throw new HttpProblem(404, "no such pact");
    return pact;
  }

  function route(method: string, segments: string[], query: URLSearchParams, body: unknown): { status: number; body: unknown } {
    const [first, ...rest] = segments;
    if (method === "GET" && segments.length === 0) return { status: 200, body: index() };
    if (method === "POST" && first === "contracts" && rest[0] === "publish" && rest.length === 1) return { status: 200, body: publishContracts(body) };
    if (method === "GET" && first === "matrix" && rest.length === 0) return { status: 200, body: matrix(query) };

    if (first === "pacts" && rest[0] === "provider") {
      const provider = rest[1];
      if (rest.length === 3 && rest[2] === "for-verification") {
        if (method === "GET") return { status: 200, body: { _links: { self: { href: `${baseUrl}/pacts/provider/${enc(provider)}/for-verification` } } } };
        if (method === "POST") return { status: 200, body: pactsForVerification(provider, body) };
      }
      if (rest[2] === "consumer" && rest[4] === "pact-version") {
        const pact = findPact(provider, rest[3], rest[5]);
        if (method === "GET" && rest.length === 6) {
          return {
            status: 200,
            body: {
              ...pact.content,
              _links: {
                self: { href: pactUrl(pact) },
                "pb:provider": { href: pacticipantUrl(pact.provider), name: pact.provider, title: "Provider" },
                "pb:consumer": { href: pacticipantUrl(pact.consumer), name: pact.consumer, title: "Consumer" },
                "pb:publish-verification-results": { href: `${pactUrl(pact)}/verification-results`, title: "Publish verification results" },
              },
            },
          };
        }
        if (method === "POST" && rest.length === 7 && rest[6] === "verification-results") {
          verificationResults.push({ provider: pact.provider, consumer: pact.consumer, pactVersion: pact.pactVersion, result: body as Record<string, unknown> });
          return { status: 201, body: { ...(body as object), _links: { self: { href: `${baseUrl}/verification-results/${pact.pactVersion}` } } } };
        }
      }
    }

    if (first === "pacticipants" && rest.length >= 1) {
      const name = rest[0];
      if (method === "GET" && rest.length === 1) {
        return {
          status: 200,
          body: {
            name,
            _links: {
              self: { href: pacticipantUrl(name) },
              "pb:branch-version": { href: `${pacticipantUrl(name)}/branches/{branch}/versions/{version}`, templated: true, title: "Get or add/create a version for a branch" },
              "pb:version-tag": { href: `${pacticipantUrl(name)}/versions/{version}/tags/{tag}`, templated: true, title: "Get, create or delete a tag" },
            },
          },
        };
      }
      if (method === "PUT" && rest.length === 5 && rest[1] === "branches" && rest[3] === "versions") {
        providerBranches.push({ provider: name, branch: rest[2], version: rest[4] });
        return { status: 200, body: { number: rest[4], _links: { self: { href: `${pacticipantUrl(name)}/versions/${enc(rest[4])}` } } } };
      }
      if (method === "PUT" && rest.length === 5 && rest[1] === "versions" && rest[3] === "tags") {
        return { status: 201, body: { name: rest[4], _links: { self: { href: `${pacticipantUrl(name)}/versions/${enc(rest[2])}/tags/${enc(rest[4])}` } } } };
      }
    }
    throw new HttpProblem(404, `the double does not implement ${method} /${segments.join("/")}`);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", baseUrl);
    const body = parseBody(await text(request));
    const method = request.method ?? "GET";
    const record: RecordedRequest = { method, path: url.pathname, query: url.searchParams, headers: request.headers, body, status: 0 };
    requests.push(record);

    let status: number;
    let answer: unknown;
    const allowed = authStatus(auth, method, request.headers.authorization);
    if (allowed !== 200) {
      status = allowed;
      answer = { error: allowed === 401 ? "Unauthorized" : "Forbidden" };
    } else {
      try {
        const segments = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
        ({ status, body: answer } = route(method, segments, url.searchParams, body));
      } catch (error) {
        status = error instanceof HttpProblem ? error.status : 500;
        answer = { errors: [error instanceof Error ? error.message : String(error)] };
      }
    }
    record.status = status;
    response.writeHead(status, { "content-type": HAL });
    response.end(JSON.stringify(answer));
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { "content-type": "text/plain" });
      response.end(String(error));
    });
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      resolve({
        baseUrl,
        requests,
        pacts,
        verificationResults,
        providerBranches,
        seedPact: (pact) => store({ ...pact, tags: pact.tags ?? [] }),
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
