import type { ValidateFunction } from "ajv/dist/2020";
import { operations } from "../../src/catalog";
import { ruleIds } from "../../src/rules";
import { precompiledSource } from "../../src/schemas/precompile";
import { DEFAULT_SCHEMA_DIR, loadSchemaRegistry, readSchemaFiles, schemaFingerprint, type PrecompiledValidators } from "../../src/schemas/registry";
import { generateCases } from "../../src/verify/cases/generate";

/** The generated module, evaluated as the built package requires it. */
function evaluated(source: string): PrecompiledValidators {
  const module = { exports: {} as PrecompiledValidators };
  new Function("require", "exports", "module", source)(require, module.exports, module);
  return module.exports;
}

describe("precompiled validators (the build's ajv standalone code)", () => {
  const compiledHere = loadSchemaRegistry(DEFAULT_SCHEMA_DIR, [], undefined);
  const precompiled = evaluated(precompiledSource());
  const built = loadSchemaRegistry(DEFAULT_SCHEMA_DIR, [], precompiled);

  it("has a validator for every shipped schema, made from the files as they are", () => {
    expect(Object.keys(precompiled.validators).sort()).toEqual([...compiledHere.ids]);
    expect(precompiled.fingerprint).toBe(schemaFingerprint(DEFAULT_SCHEMA_DIR, readSchemaFiles()));
  });

  it("judges every generated request body, and values of every kind against every schema, as ajv compiling at run time does", () => {
    const bodies = operations().flatMap((operation) =>
      ruleIds
        .flatMap((rule) => generateCases(compiledHere, operation, rule, { seed: 20261202, casesPerRule: 3 }))
        .flatMap((testCase) => testCase.steps)
        .flatMap((step) => (step.body.kind === "json" && step.operationId === operation.id ? [[operation.requestSchema, step.body.value] as const] : [])),
    );
    const plain = compiledHere.ids.flatMap((id) => [{}, null, [], "x", 1.5, { id: "x", status: "unknownFutureValue" }].map((value) => [id, value] as const));
    const verdicts = [...bodies, ...plain].map(([id, value]) => {
      const expected = compiledHere.validate(id, value);
      expect(built.validate(id, value)).toEqual(expected);
      return expected.valid;
    });
    expect(bodies.length).toBeGreaterThan(100);
    // Both verdicts occur, so the comparison says something about each.
    expect(new Set(verdicts)).toEqual(new Set([true, false]));
  });

  it("are used only while the schema files match their fingerprint; files edited since are compiled at load time as before", () => {
    const acceptAll = Object.assign(() => true, { errors: null }) as unknown as ValidateFunction;
    const validators = Object.fromEntries(compiledHere.ids.map((id) => [id, acceptAll]));
    const notAnObject = ["x"];
    const matching = loadSchemaRegistry(DEFAULT_SCHEMA_DIR, [], { fingerprint: precompiled.fingerprint, validators });
    expect(matching.validate("requests/industryData.run.patch", notAnObject).valid).toBe(true);
    const stale = loadSchemaRegistry(DEFAULT_SCHEMA_DIR, [], { fingerprint: "made from other files", validators });
    expect(stale.validate("requests/industryData.run.patch", notAnObject).violations).toEqual([expect.objectContaining({ rule: "E14" })]);
  });
});
