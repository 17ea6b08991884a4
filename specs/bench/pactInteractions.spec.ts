import fs from "node:fs";
import path from "node:path";
import { copyId, repeatedInteractions, type PactDocument } from "../../bench/pactInteractions";
import { parseDescription } from "../../src/contracts/description";

const contract = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../contracts/graph-run-client-graph-beta-industryData.json"), "utf8")) as PactDocument;
const PREFIX = "P1 industryData.run.update:";

describe("repeatedInteractions", () => {
  it("repeats one interaction N times, each with its own description, state id, path and echoed id", () => {
    const document = repeatedInteractions(contract, PREFIX, 3);
    expect(document.interactions).toHaveLength(3);
    expect(document.provider).toEqual(contract.provider);
    const template = contract.interactions.find((interaction) => interaction.description.startsWith(PREFIX))!;
    const templateId = template.providerStates![0]!.params!.id as string;
    document.interactions.forEach((interaction, index) => {
      const id = copyId(templateId, index + 1);
      expect(interaction.providerStates![0]!.params!.id).toBe(id);
      expect(interaction.request.path).toBe(template.request.path.replace(templateId, id));
      expect(((interaction.response as { body: { content: { id: string } } }).body.content.id)).toBe(id);
      expect(JSON.stringify(interaction)).not.toContain(templateId);
      expect(parseDescription(interaction.description)).toMatchObject({ rule: "P1", operationId: "industryData.run.update" });
    });
    expect(new Set(document.interactions.map((interaction) => interaction.description)).size).toBe(3);
  });

  it("keeps ids UUID-shaped and distinct", () => {
    const template = "dba32e1b-f324-d6ff-f518-ea2843e96885";
    expect(copyId(template, 1)).toBe("dba32e1b-f324-d6ff-f518-000000000001");
    expect(copyId(template, 1000)).toBe("dba32e1b-f324-d6ff-f518-0000000003e8");
    expect(() => copyId("not-a-uuid", 1)).toThrow("not a UUID");
  });

  it("refuses a missing template, a stateless one and a bad count", () => {
    expect(() => repeatedInteractions(contract, "P1 nothing:", 2)).toThrow('no interaction starts with "P1 nothing:"');
    expect(() => repeatedInteractions(contract, "P3 industryData.runGroup.create:", 2)).toThrow("names no provider-state id");
    expect(() => repeatedInteractions(contract, PREFIX, 0)).toThrow("positive integer");
  });
});
