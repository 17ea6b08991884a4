import path from "node:path";
import { builtInOperations, type OperationEntry } from "../operations";
import { PACKAGE_ROOT, SCHEMAS_DIR } from "../packageFiles";
import { SchemaModel, UnsupportedSchema } from "../schemas/model";
import { loadSchemaRegistry, type AddedSchema, type SchemaRegistry } from "../schemas/registry";

/**
 * The catalog: the operations the suite knows (the manifest's, and those of a
 * user's operations file), each completed with what its schemas say, and the
 * resource types they act on. Every module reads operations and types from here.
 */

/** An operation id such as `industryData.run.update`. */
export type OperationId = string;
/** A resource type's key: its `@odata.type` without `#microsoft.graph.` (`industryData.run`). */
export type ResourceTypeKey = string;
/** A Pact provider name (`graph-beta-industryData`). */
export type ProviderName = string;

export interface Operation extends OperationEntry {
  type: ResourceTypeKey;
  /** The page's absolute path. */
  pageFile: string;
  /** rules.md §1: 201 for a POST that creates, 200 for a PATCH. */
  successStatus: 200 | 201;
  /** The members the request schema requires (rule E10; none for a PATCH). */
  requiredMembers: readonly string[];
}

export interface ResourceType {
  key: ResourceTypeKey;
  /** Canonical `@odata.type`, with its leading `#`. */
  odataType: string;
  /** The OData namespace the type lives in (checked against a page's Namespace line). */
  namespace: string;
  /** Rule P1: derived types must name themselves in a response (their response schema requires it). */
  odataTypeRequiredInResponse: boolean;
  /** The type's own schema (what its response schema refines), and its response schema. */
  entitySchema: string;
  responseSchema: string;
  /** Provider state (rules.md §5) that makes the target hold an entity of this type: that of its PATCH. */
  providerState?: string;
  /** Members whose value may be null (rule P10). */
  nullableMembers: readonly string[];
  provider: ProviderName;
}

export interface Catalog {
  readonly operations: readonly Operation[];
  readonly types: Readonly<Record<ResourceTypeKey, ResourceType>>;
  readonly schemas: SchemaRegistry;
  readonly model: SchemaModel;
  /** The operations file the catalog added, if any. */
  readonly operationsFile?: string;
}

/** A catalog entry that cannot be used: the message names the entry. */
export class CatalogError extends Error {}

const GRAPH_NAMESPACE = "#microsoft.graph.";

export interface CatalogSource {
  entry: OperationEntry;
  /** Where relative page paths start. */
  baseDir: string;
  /** How messages name the entry: `operations.json: operations[0] (education.class.update)`. */
  where: string;
}

function entryOf(source: CatalogSource, model: SchemaModel): Operation {
  const { entry, where } = source;
  const fail = (message: string): never => {
    throw new CatalogError(`${where}: ${message}`);
  };
  for (const schema of [entry.requestSchema, entry.responseSchema]) {
    if (!model.registry.has(schema)) fail(`no schema ${schema} is loaded`);
  }
  const declared = model.odataType(entry.responseSchema);
  if (declared && entry.odataType && declared !== entry.odataType) fail(`odataType ${entry.odataType} differs from ${declared}, which ${entry.responseSchema} declares`);
  const odataType = declared ?? entry.odataType ?? fail(`${entry.responseSchema} declares no @odata.type and the entry gives no odataType`);
  if (!odataType.startsWith(GRAPH_NAMESPACE)) fail(`odataType ${odataType} must start with ${GRAPH_NAMESPACE}`);
  if (entry.method === "PATCH" && !entry.path.includes("{id}")) fail(`a PATCH path must contain {id}: ${entry.path}`);
  if (entry.method === "PATCH" && !entry.providerState) fail("a PATCH needs a providerState that makes its entity exist");
  if (entry.method === "POST" && entry.providerState) fail("a POST creates its entity and takes no providerState");
  let requiredMembers: string[] = [];
  try {
    // Building the members now makes a schema the suite cannot generate values for fail here, naming the entry.
    const members = model.requestMembers(entry.requestSchema);
    model.entityMembers(model.entitySchemaOf(entry.responseSchema));
    requiredMembers = entry.method === "POST" ? model.required(entry.requestSchema).filter((name) => name !== "@odata.type") : [];
    const unsendable = requiredMembers.find((name) => !members.some((member) => member.name === name));
    if (unsendable) fail(`${entry.requestSchema} requires ${unsendable}, which it does not let a body send`);
    // P2 and the contracts' one-member body need a member a server echoes exactly.
    if (entry.method === "PATCH" && !members.some((member) => member.shape.kind === "string" || member.shape.kind === "enum")) fail(`${entry.requestSchema} has no string or enum member, which a one-member PATCH needs`);
  } catch (error) {
    if (error instanceof UnsupportedSchema) fail(error.message);
    throw error;
  }
  return {
    ...entry,
    type: odataType.slice(GRAPH_NAMESPACE.length),
    pageFile: path.resolve(source.baseDir, entry.page),
    successStatus: entry.method === "POST" ? 201 : 200,
    requiredMembers,
  };
}

function typesOf(operations: readonly Operation[], sources: readonly CatalogSource[], model: SchemaModel): Record<ResourceTypeKey, ResourceType> {
  const types: Record<ResourceTypeKey, ResourceType> = {};
  operations.forEach((operation, index) => {
    const where = sources[index].where;
    const known = types[operation.type];
    if (known) {
      if (known.provider !== operation.provider) throw new CatalogError(`${where}: type ${operation.type} belongs to provider ${known.provider}, not ${operation.provider}`);
      if (known.responseSchema !== operation.responseSchema) throw new CatalogError(`${where}: type ${operation.type} is answered with ${known.responseSchema} by another operation, not ${operation.responseSchema}`);
      if (operation.providerState && known.providerState && known.providerState !== operation.providerState) {
        throw new CatalogError(`${where}: type ${operation.type} already has the provider state ${JSON.stringify(known.providerState)}`);
      }
      known.providerState ??= operation.providerState;
      return;
    }
    const odataType = GRAPH_NAMESPACE + operation.type;
    const entitySchema = model.entitySchemaOf(operation.responseSchema);
    types[operation.type] = {
      key: operation.type,
      odataType,
      namespace: odataType.slice(1, odataType.lastIndexOf(".")),
      odataTypeRequiredInResponse: model.required(operation.responseSchema).includes("@odata.type"),
      entitySchema,
      responseSchema: operation.responseSchema,
      ...(operation.providerState ? { providerState: operation.providerState } : {}),
      nullableMembers: model.entityMembers(entitySchema).filter((member) => member.shape.nullable).map((member) => member.name),
      provider: operation.provider,
    };
  });
  const states = new Map<string, string>();
  operations.forEach((operation, index) => {
    const { where } = sources[index];
    // A POST's entity is PATCHed afterwards (P3), and a created entity's Location is the PATCH path.
    if (!operations.some((other) => other.type === operation.type && other.method === "PATCH")) throw new CatalogError(`${where}: type ${operation.type} has no PATCH operation, which the POST's created entity needs (P3)`);
    if (!operation.providerState) return;
    const other = states.get(operation.providerState);
    if (other && other !== operation.type) throw new CatalogError(`${where}: the provider state ${JSON.stringify(operation.providerState)} is already the state of type ${other}`);
    states.set(operation.providerState, operation.type);
  });
  return types;
}

/** A catalog of the built-in operations and the added ones, over one registry of the shipped and added schemas. */
export function buildCatalog(added: readonly CatalogSource[] = [], addedSchemas: readonly AddedSchema[] = [], operationsFile?: string): Catalog {
  let schemas: SchemaRegistry;
  try {
    schemas = loadSchemaRegistry(SCHEMAS_DIR, addedSchemas);
  } catch (error) {
    if (addedSchemas.length === 0) throw error;
    throw new CatalogError(error instanceof Error ? error.message : String(error));
  }
  const model = new SchemaModel(schemas);
  const sources: CatalogSource[] = [
    ...builtInOperations.map((entry) => ({ entry, baseDir: PACKAGE_ROOT, where: `built-in operation ${entry.id}` })),
    ...added,
  ];
  const ids = new Set<string>();
  for (const { entry, where } of sources) {
    if (ids.has(entry.id)) throw new CatalogError(`${where}: the operation id ${entry.id} is taken`);
    ids.add(entry.id);
  }
  const operations = sources.map((source) => entryOf(source, model));
  return { operations, types: typesOf(operations, sources, model), schemas, model, ...(operationsFile ? { operationsFile } : {}) };
}

let builtIn: Catalog | undefined;
let active: Catalog | undefined;

/** The catalog in use: the built-in one (built on first use), unless `useCatalog` set another. */
export function catalog(): Catalog {
  if (active) return active;
  builtIn ??= buildCatalog();
  return builtIn;
}

/** Makes a catalog (an operations file's) the one every module reads; none goes back to the built-in one. */
export function useCatalog(next?: Catalog): void {
  active = next;
}

export function operations(): readonly Operation[] {
  return catalog().operations;
}

export function resourceTypes(): Readonly<Record<ResourceTypeKey, ResourceType>> {
  return catalog().types;
}

export function resourceType(key: ResourceTypeKey): ResourceType {
  const type = catalog().types[key];
  if (!type) throw new Error(`unknown resource type ${key}`);
  return type;
}

/** The provider state that makes an entity of the type exist: its PATCH's. */
export function providerStateOf(key: ResourceTypeKey): string {
  const state = resourceType(key).providerState;
  if (state === undefined) throw new Error(`type ${key} has no provider state: no PATCH acts on it`);
  return state;
}

export function findOperation(id: string): Operation | undefined {
  return catalog().operations.find((operation) => operation.id === id);
}

/** The compiled schemas of the catalog: the package's, and an operations file's. */
export function schemaRegistry(): SchemaRegistry {
  return catalog().schemas;
}

export function schemaModel(): SchemaModel {
  return catalog().model;
}

/** Every Pact provider of the catalog, in manifest order. */
export function providerNames(): ProviderName[] {
  return [...new Set(catalog().operations.map((operation) => operation.provider))];
}

export function operationsOfProvider(provider: ProviderName): Operation[] {
  return catalog().operations.filter((operation) => operation.provider === provider);
}

/** Fills an operation's path template with an entity id (URL-encoded). */
export function operationPath(operation: Operation, id?: string, override?: string): string {
  const template = override ?? operation.path;
  return id === undefined ? template : template.replace("{id}", encodeURIComponent(id));
}
