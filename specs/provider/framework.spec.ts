import net from "node:net";
import { buildReferenceProvider, defaultBehaviour, normalisePrefix, startReferenceProvider, type RunningProvider } from "../../src/provider";
import { schemaRegistry } from "../../src/catalog";
import {
  AUTH,
  createRunGroup,
  current,
  expectGraphError,
  freshId,
  patch,
  patchOperations,
  pathOf,
  post,
  providerUnderTest,
  setUpEntity,
  TOKEN,
  updateOf,
  validPost,
  type ProviderUnderTest,
} from "./support";

const runUpdate = updateOf("industryData.run");

describe("reference provider: prefix, token mode and framework-level errors", () => {
  describe("a base path prefix", () => {
    let provider: ProviderUnderTest;
    beforeAll(async () => {
      provider = await providerUnderTest({ prefix: "/beta/" });
    });
    afterAll(() => provider.close());

    it("serves every operation and the state endpoint under the prefix", async () => {
      const scoped = { ...provider, prefix: "/beta" };
      for (const operation of patchOperations) {
        const id = await setUpEntity(scoped, operation);
        expect((await patch(scoped, operation, id, {})).status).toBe(200);
      }
      const created = await post(scoped, createRunGroup, validPost);
      expect(created.status).toBe(201);
      expect(new URL(created.headers.location as string).pathname).toBe(`/beta/industryData/runGroups/${created.body.id}`);
    });

    it("answers 404 routeNotFound for an operation path without the prefix", async () => {
      expectGraphError(await post(provider, createRunGroup, validPost), 404, "routeNotFound");
    });

    it.each([
      [undefined, ""],
      ["", ""],
      ["/", ""],
      ["/beta", "/beta"],
      ["/beta//", "/beta"],
      ["/v1.0/tenant-a", "/v1.0/tenant-a"],
    ])("normalises prefix %j to %j", (prefix, expected) => {
      expect(normalisePrefix(prefix)).toBe(expected);
    });

    it.each([["beta"], ["/be ta"], ["/beta?x=1"], ["//"]])("refuses prefix %j with a reason", (prefix) => {
      expect(() => buildReferenceProvider({ prefix })).toThrow(/prefix must/);
    });
  });

  describe("token mode", () => {
    let provider: ProviderUnderTest;
    beforeAll(async () => {
      provider = await providerUnderTest({ token: TOKEN });
    });
    afterAll(() => provider.close());

    it("accepts exactly the configured token", async () => {
      expect((await post(provider, createRunGroup, validPost)).status).toBe(201);
    });

    it.each([[`Bearer ${TOKEN}x`], ["Bearer other"], [`Bearer ${TOKEN.slice(1)}`], [`Bearer ${TOKEN} x`], [`Bearer ${TOKEN}\tx`]])("refuses %j with 401", async (authorization) => {
      const response = await post(provider, createRunGroup, validPost).set("Authorization", authorization);
      expectGraphError(response, 401, "unauthenticated");
      expect(JSON.stringify(response.body)).not.toContain(TOKEN);
    });

    it("refuses an empty configured token", () => {
      expect(() => buildReferenceProvider({ token: "" })).toThrow(/token/);
    });
  });

  describe("framework-level errors in the Graph shape", () => {
    let provider: ProviderUnderTest;
    beforeAll(async () => {
      provider = await providerUnderTest({ bodyLimit: 2048 });
    });
    afterAll(() => provider.close());

    it("a body over the limit: 413 requestBodyTooLarge, nothing changed", async () => {
      const id = await setUpEntity(provider, runUpdate);
      const before = await current(provider, runUpdate, id);
      const response = await patch(provider, runUpdate, id, { displayName: "x".repeat(4096) });
      expectGraphError(response, 413, "requestBodyTooLarge");
      expect(await current(provider, runUpdate, id)).toEqual(before);
    });

    it("an unknown route: 404 routeNotFound; a known path with a method it does not answer: 405", async () => {
      expectGraphError(await provider.http.get("/industryData/nothing").set(AUTH), 404, "routeNotFound");
      expectGraphError(await provider.http.patch("/industryData/runGroups").set(AUTH).send({}), 405, "methodNotAllowed");
    });

    it.each([["GET"], ["PUT"], ["DELETE"], ["POST"]])("%s on a PATCH path: 405 methodNotAllowed with Allow: PATCH", async (method) => {
      const response = await provider.http[method.toLowerCase() as "get"](pathOf(provider, runUpdate, "some-id")).set(AUTH);
      expectGraphError(response, 405, "methodNotAllowed");
      expect(response.headers.allow).toBe("PATCH");
    });

    it("GET on the state endpoint, which needs no Authorization: 405 with Allow: POST, with or without a token", async () => {
      for (const response of [await provider.http.get("/_pact/provider-states").set(AUTH), await provider.http.get("/_pact/provider-states")]) {
        expectGraphError(response, 405, "methodNotAllowed");
        expect(response.headers.allow).toBe("POST");
      }
    });

    it("a badly percent-encoded id: 400 badRequest", async () => {
      expectGraphError(await provider.http.patch("/process/runs/%E0%A4%A").set(AUTH).send({}), 400, "badRequest");
    });

    it("an id longer than any id the provider holds: 404 resourceNotFound", async () => {
      expectGraphError(await patch(provider, runUpdate, "x".repeat(5000), {}), 404, "resourceNotFound");
    });

    it("a wrong Content-Length: 400 in the Graph shape", async () => {
      const answer = await rawRequest(provider, `PATCH /process/runs/x HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer t\r\nContent-Type: application/json\r\nContent-Length: 5\r\nConnection: close\r\n\r\n{}`);
      expect(answer).toMatch(/^HTTP\/1\.1 400/);
      expect(answer).toContain('"code":"badRequest"');
    });

    it("a request that is not HTTP: 400 in the Graph shape", async () => {
      const answer = await rawRequest(provider, "HELLO THERE\r\n\r\n");
      expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request/);
      expect(answer).toContain("Content-Type: application/json; charset=utf-8");
      const body = JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4));
      expect(schemaRegistry().validate("errors/graphError", body).violations).toEqual([]);
    });

    it("headers over node's limit: 431 in the Graph shape", async () => {
      const answer = await rawRequest(provider, `GET / HTTP/1.1\r\nHost: a\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`);
      expect(answer).toMatch(/^HTTP\/1\.1 431/);
      expect(answer).toContain('"code":"requestHeadersTooLarge"');
    });


    it("a body without Content-Type: 415", async () => {
      const answer = await rawRequest(provider, `PATCH /process/runs/x HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer t\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
      expect(answer).toMatch(/^HTTP\/1\.1 415/);
      expect(answer).toContain('"code":"unsupportedMediaType"');
    });

    it.each([
      ['{"__proto__": {"polluted": true}}'],
      ['{"statistics": {"__proto__": {"polluted": true}}}'],
      ['{"statistics": {"constructor": {"prototype": {"polluted": true}}}}'],
    ])("%s: 400 forbiddenMember, and no prototype is touched", async (text) => {
      const id = await setUpEntity(provider, runUpdate);
      const response = await provider.http.patch(pathOf(provider, runUpdate, id)).set(AUTH).set("Content-Type", "application/json").send(text);
      expectGraphError(response, 400, "forbiddenMember");
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((await current(provider, runUpdate, id)).statistics).not.toHaveProperty("polluted");
    });

    it("a constructor member that is plain data is just data in the open statistics object", async () => {
      const id = await setUpEntity(provider, runUpdate);
      const response = await patch(provider, runUpdate, id, { statistics: { constructor: 1, toString: "x" } });
      expect(response.status).toBe(200);
      expect(response.body.statistics).toEqual({ constructor: 1, toString: "x" });
    });
  });

  describe("the behaviour seam", () => {
    it("an override replaces one policy and leaves the others at their defaults", async () => {
      const provider = await providerUnderTest({
        behaviour: {
          validateBody: (operation, body) => defaultBehaviour.validateBody(operation, body).filter((violation) => violation.rule !== "E4"),
        },
      });
      try {
        const id = await setUpEntity(provider, runUpdate);
        const accepted = await patch(provider, runUpdate, id, { status: "paused" });
        expect(accepted.status).toBe(200);
        expect(accepted.body.status).toBe("paused");
        expectGraphError(await patch(provider, runUpdate, id, { status: null }), 400, "nullNotAllowed");
        expectGraphError(await provider.http.patch(pathOf(provider, runUpdate, id)).send({}), 401, "unauthenticated");
      } finally {
        await provider.close();
      }
    });

    it("defaultBehaviour cannot be changed by accident", () => {
      expect(Object.isFrozen(defaultBehaviour)).toBe(true);
    });
  });

  describe("a route added with a fastify schema", () => {
    it("is refused at ready, naming what it needs, since the provider compiles no route schema", async () => {
      const app = buildReferenceProvider();
      app.get("/extra", { schema: { querystring: { type: "object", properties: { q: { type: "string" } } } } }, () => "ok");
      await expect(app.ready()).rejects.toThrow(/compiles no fastify route schema: .*setValidatorCompiler/);
      await app.close();
    });

    it("runs with the compilers the route is given", async () => {
      const app = buildReferenceProvider();
      app.get("/extra", { schema: { querystring: { type: "object" } }, validatorCompiler: () => () => true }, () => "ok");
      await app.listen({ host: "127.0.0.1", port: 0 });
      try {
        const answer = await fetch(`http://127.0.0.1:${(app.server.address() as net.AddressInfo).port}/extra`, { headers: AUTH });
        expect({ status: answer.status, body: await answer.text() }).toEqual({ status: 200, body: "ok" });
      } finally {
        await app.close();
      }
    });
  });

  describe("concurrency over real HTTP", () => {
    let running: RunningProvider;
    beforeAll(async () => {
      running = await startReferenceProvider({ prefix: "/beta" });
    });
    afterAll(() => running.close());

    it("reports its base and state URLs on 127.0.0.1", () => {
      expect(running.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/beta$/);
      expect(running.stateUrl).toBe(`${running.baseUrl}/_pact/provider-states`);
    });

    it("concurrent PATCHes of different members of one entity lose no accepted update", async () => {
      const igUpdate = updateOf("identityGovernance.run");
      const id = freshId("concurrent");
      const setup = await fetch(running.stateUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ state: "an identityGovernance run exists", params: { id } }),
      });
      expect(setup.status).toBe(200);
      const members = ["failedTasksCount", "failedUsersCount", "successfulUsersCount", "totalUsersCount", "totalUnprocessedTasksCount"];
      const url = `${running.baseUrl}${igUpdate.path.replace("{id}", id)}`;
      const send = (body: unknown) =>
        fetch(url, { method: "PATCH", headers: { ...AUTH, "content-type": "application/json" }, body: JSON.stringify(body) }).then(async (response) => ({
          status: response.status,
          body: (await response.json()) as Record<string, unknown>,
        }));
      // Each member is written in rounds; within a round every member is written once, all at the same time.
      for (let round = 1; round <= 20; round += 1) {
        const answers = await Promise.all(members.map((member) => send({ [member]: round })));
        expect(answers.map((answer) => answer.status)).toEqual(members.map(() => 200));
      }
      const final = await send({});
      for (const member of members) expect(final.body[member]).toBe(20);
    });
  });
});

/** Sends raw bytes and returns everything the server writes back until it closes (or `waitMs` passes). */
function rawRequest(provider: ProviderUnderTest, text: string, waitMs = 2000): Promise<string> {
  return new Promise((resolve, reject) => {
    const { port } = provider.app.server.address() as net.AddressInfo;
    // Half-close after writing, so a body shorter than its Content-Length ends where it is.
    const socket = net.connect(port, "127.0.0.1", () => socket.end(text));
    let received = "";
    const timer = setTimeout(() => socket.destroy(), waitMs);
    socket.on("data", (chunk) => (received += chunk.toString("utf8")));
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.on("error", (error) => (received ? undefined : reject(error)));
  });
}
