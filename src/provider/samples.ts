import { resourceType, schemaModel, type ResourceTypeKey } from "../catalog";
import type { Entity } from "./store";

/**
 * A fresh, valid entity of the type with the given id: what a provider-state setup
 * holds (rules.md §5 leaves its values to the target). The values come from the
 * type's schema (src/schemas/model.ts), so an added type needs no sample of its own.
 */
export function sampleEntity(type: ResourceTypeKey, id: string): Entity {
  return { id, ...schemaModel().sampleEntity(resourceType(type).entitySchema) };
}
