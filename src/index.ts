/**
 * The library entry points a server team imports in its own specs: the runner, the
 * embedded reference provider and the schema registry (also as the subpaths
 * `graph-conformance/runner`, `/provider` and `/schemas`).
 */
export { verify, RunNotMade, type RunListener, type VerifyRunOptions } from "./runner";
export { buildReferenceProvider, startReferenceProvider, type ReferenceProviderOptions, type RunningProvider } from "./provider";
export { loadSchemaRegistry, type SchemaRegistry, type ValidationResult } from "./schemas/registry";
export { findOperation, operations, schemaRegistry, useCatalog, type Catalog, type Operation, type OperationId } from "./catalog";
export { loadOperationsFile } from "./catalog/operationsFile";
export { summarize, type CheckResult, type RunResults, type RunSummary } from "./results/model";
export { writeReports } from "./report";
export { UsageError } from "./exitCodes";
/** The built-in types' TypeScript shapes, generated from the schemas (`npm run schema-types`), for a server team's typed specs. */
export type * from "./schemas/types.generated";
