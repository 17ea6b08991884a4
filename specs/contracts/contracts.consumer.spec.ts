import fs from "node:fs";
import path from "node:path";
import { contractInteractions } from "../../src/contracts/interactions";
import { contractFileName, expectedExchange, freshPactDir, newContractPact, readRecordedContract, recordInteraction } from "../../src/contracts/record";
import { schemaRegistry } from "../../src/catalog";
import { providerNames } from "../../src/catalog";

const COMMITTED_DIR = path.resolve(__dirname, "../../contracts");

// Pact files are recorded in a scratch directory: `npm test` never rewrites the
// committed contracts, it only compares them with what it recorded.
const scratch = freshPactDir();
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe.each(providerNames())("consumer contract graph-run-client → %s", (provider) => {
  const interactions = contractInteractions(schemaRegistry(), provider);
  const pact = newContractPact(provider, scratch);

  it.each(interactions.map((interaction) => [interaction.description, interaction] as const))("%s", async (_description, interaction) => {
    const expected = expectedExchange(interaction);
    await recordInteraction(pact, interaction, (exchange) => {
      expect(exchange.status).toBe(expected.status);
      expect(exchange.contentType).toMatch(/^application\/json/);
      expect(exchange.body).toEqual(expected.body);
    });
  });

  it("matches the committed contract (stale contracts: run npm run contracts)", () => {
    const committedFile = path.join(COMMITTED_DIR, contractFileName(provider));
    const committed = fs.existsSync(committedFile) ? fs.readFileSync(committedFile, "utf8") : "";
    const fresh = readRecordedContract(scratch, provider, interactions);
    if (committed !== fresh) throw new Error(`stale contracts: run npm run contracts (${path.relative(process.cwd(), committedFile)} differs from a fresh recording)`);
  });
});

describe("recording an interaction", () => {
  const [provider] = providerNames();
  const [interaction] = contractInteractions(schemaRegistry(), provider);
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it("fails, and writes nothing, when the client's request differs from the contract", async () => {
    const dir = freshPactDir();
    try {
      globalThis.fetch = (input, init) => realFetch(input, { ...init, body: JSON.stringify({ displayName: "not the contract's body" }) });
      await expect(recordInteraction(newContractPact(provider, dir), interaction, () => undefined)).rejects.toThrow(/mismatch|expected/i);
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("fails, and writes nothing, when the client's check fails", async () => {
    const dir = freshPactDir();
    try {
      const refusal = new Error("the client refused the answer");
      await expect(recordInteraction(newContractPact(provider, dir), interaction, () => Promise.reject(refusal))).rejects.toBe(refusal);
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
