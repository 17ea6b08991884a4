import { formatDescription, parseDescription } from "../../src/contracts/description";
import { contractInteractions, operationInteractions, stableId } from "../../src/contracts/interactions";
import { requestMembers } from "../../src/schemas/model";
import { findOperation } from "../../src/catalog";
import { schemaRegistry } from "../../src/catalog";
import { providerNames } from "../../src/catalog";

const registry = schemaRegistry();

describe("interaction descriptions", () => {
  it("read back the rule and operation they were written with", () => {
    const label = { rule: "E9", operationId: "industryData.run.update", what: "an id that does not exist is answered 404" } as const;
    expect(parseDescription(formatDescription(label))).toEqual(label);
  });

  it.each(["P1 nosuch.operation: x", "X1 industryData.run.update: x", "industryData.run.update: x", "P1 industryData.run.update x"])("do not read %p", (description) => {
    expect(parseDescription(description)).toBeUndefined();
  });
});

describe("request members read from the schemas", () => {
  it("leave out the read-only id and @odata.type, keep inherited members with their shapes", () => {
    const members = requestMembers(registry, findOperation("industryData.runGroup.create")!.requestSchema);
    expect(members.map((member) => member.name)).toEqual(["displayName", "startDateTime", "endDateTime", "status", "statistics", "blockingError"]);
    expect(members.find((member) => member.name === "endDateTime")?.shape).toEqual({ kind: "dateTime", nullable: true });
    expect(members.find((member) => member.name === "blockingError")?.shape).toEqual({ kind: "object", nullable: true, odataType: "#microsoft.graph.publicError" });
    expect(members.find((member) => member.name === "status")?.shape).toMatchObject({ kind: "enum", members: expect.arrayContaining(["running", "unknownFutureValue"]) });
  });

  it("give identityGovernance its Int32 counts and both enums", () => {
    const members = requestMembers(registry, findOperation("identityGovernance.run.update")!.requestSchema);
    expect(members.filter((member) => member.shape.kind === "int32")).toHaveLength(5);
    expect(members.filter((member) => member.shape.kind === "enum").map((member) => member.name)).toEqual(["processingStatus", "workflowExecutionType"]);
  });
});

describe("contract interactions", () => {
  it("are the same on every build (no clock, no randomness)", () => {
    for (const provider of providerNames()) {
      expect(JSON.stringify(contractInteractions(registry, provider))).toBe(JSON.stringify(contractInteractions(schemaRegistry(), provider)));
    }
  });

  it("give every PATCH interaction its own entity id, derived from its description", () => {
    const patches = providerNames().flatMap((provider) => contractInteractions(registry, provider)).filter((interaction) => interaction.operation.method === "PATCH");
    const ids = patches.map((interaction) => stableId(interaction.description));
    expect(new Set(ids).size).toBe(patches.length);
    for (const [index, interaction] of patches.entries()) expect(interaction.request.path.endsWith(`/${ids[index]}`)).toBe(true);
  });

  it("send no member rules.md leaves unchecked (blockingError) and never the unknownFutureValue sentinel", () => {
    for (const provider of providerNames()) {
      for (const interaction of contractInteractions(registry, provider)) {
        expect(interaction.request.body).not.toHaveProperty("blockingError");
        expect(JSON.stringify(interaction.request.body)).not.toContain("unknownFutureValue");
      }
    }
  });

  it("give a member the schema gains, which has no named example, a value built from its schema", () => {
    const operation = findOperation("industryData.run.update")!;
    const widened = {
      ...registry,
      schema(id: string) {
        const document = registry.schema(id);
        if (id !== operation.requestSchema) return document;
        return { ...document, properties: { ...(document.properties as object), priority: { type: "string" } } };
      },
    };
    const full = operationInteractions(widened, operation).find((interaction) => interaction.description.includes("a full valid body"))!;
    expect(full.request.body).toMatchObject({ priority: "Example priority" });
  });
});
