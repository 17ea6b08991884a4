import { faults } from "../../src/faults/faults";
import { startEntry } from "../../src/faults/servers";
import type { CatalogueEntry } from "../../src/faults/types";
import { variants } from "../../src/faults/variants";
import { startReferenceProvider, type RunningProvider } from "../../src/provider";
import { ruleIds } from "../../src/rules";
import { Probe } from "./probe";
import { faultSymptoms, variantSymptoms, type Symptom } from "./symptoms";

describe("the fault catalogue", () => {
  it("holds at least 30 faults, and every rule P1–P10, E1–E14 is broken by at least one", () => {
    expect(faults.length).toBeGreaterThanOrEqual(30);
    const broken = new Set(faults.flatMap((fault) => fault.breaks));
    expect(ruleIds.filter((rule) => !broken.has(rule))).toEqual([]);
  });

  it("names every fault and variant once, in kebab-case", () => {
    const names = [...faults, ...variants].map((entry) => entry.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it.each(faults.map((fault) => [fault.name, fault] as const))("%s overrides exactly one policy of the reference provider", (_name, fault) => {
    expect(Object.keys(fault.provider)).toEqual(["behaviour"]);
    expect(Object.keys(fault.provider.behaviour ?? {})).toHaveLength(1);
  });

  it.each(variants.map((variant) => [variant.name, variant] as const))("variant %s changes one thing: one policy, or the prefix, or the token", (_name, variant) => {
    const { behaviour, ...options } = variant.provider;
    expect(Object.keys(behaviour ?? {}).length + Object.keys(options).length).toBe(1);
  });
});

describe("each server of the catalogue does what it declares, and the reference provider does not", () => {
  let reference: RunningProvider;
  beforeAll(async () => {
    reference = await startReferenceProvider({ host: "127.0.0.1", port: 0 });
  });
  afterAll(() => reference.close());

  it("has a symptom for every entry, and for nothing else", () => {
    expect(Object.keys(faultSymptoms).sort()).toEqual(faults.map((fault) => fault.name).sort());
    expect(Object.keys(variantSymptoms).sort()).toEqual(variants.map((variant) => variant.name).sort());
  });

  async function showsOn(entry: CatalogueEntry, symptom: Symptom): Promise<{ entry: boolean; reference: boolean }> {
    const server = await startEntry(entry);
    try {
      return { entry: await symptom(new Probe(server)), reference: await symptom(new Probe(reference)) };
    } finally {
      await server.close();
    }
  }

  it.each(faults.map((fault) => [fault.name, fault] as const))("fault %s", async (name, fault) => {
    expect(await showsOn(fault, faultSymptoms[name])).toEqual({ entry: true, reference: false });
  });

  it.each(variants.map((variant) => [variant.name, variant] as const))("variant %s", async (name, variant) => {
    expect(await showsOn(variant, variantSymptoms[name])).toEqual({ entry: true, reference: false });
  });
});
