import type { ResourceTypeKey } from "../catalog";
/** A stored entity: the members of its type (without `@odata.type`), always with its id. */
export type Entity = Readonly<Record<string, unknown> & { id: string }>;

/**
 * The provider's in-memory entities, one collection per resource type. Every
 * method is synchronous: a handler that reads an entity and writes it back without
 * an `await` in between cannot lose a concurrent update.
 */
export class EntityStore {
  // Maps, not plain objects, so an id such as "__proto__" is just an id.
  private readonly collections = new Map<ResourceTypeKey, Map<string, Entity>>();

  private collection(type: ResourceTypeKey): Map<string, Entity> {
    let collection = this.collections.get(type);
    if (!collection) {
      collection = new Map();
      this.collections.set(type, collection);
    }
    return collection;
  }

  get(type: ResourceTypeKey, id: string): Entity | undefined {
    return this.collections.get(type)?.get(id);
  }

  has(type: ResourceTypeKey, id: string): boolean {
    return this.collections.get(type)?.has(id) ?? false;
  }

  put(type: ResourceTypeKey, entity: Entity): void {
    this.collection(type).set(entity.id, entity);
  }

  delete(type: ResourceTypeKey, id: string): boolean {
    return this.collections.get(type)?.delete(id) ?? false;
  }

  size(type: ResourceTypeKey): number {
    return this.collections.get(type)?.size ?? 0;
  }
}
