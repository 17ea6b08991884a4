import { operations, resourceTypes, type Operation, type ResourceType } from "../catalog";
import type { DocPage } from "./model";

/** What a page documents: its resource type and, when known, its operation. */
export interface PageTarget {
  type: ResourceType;
  operation?: Operation;
  /** How the target was found, for messages: "manifest" or what it was inferred from. */
  source: "manifest" | "title and namespace" | "example @odata.type" | "title";
}

/** An @odata.type name without its optional leading `#`, the form names are compared in. */
export function withoutHash(name: string): string {
  return name.replace(/^#/, "");
}

/** The type name a title such as "Update runGroup" or "Create runGroup" is about. */
function titleTypeName(page: DocPage): string | undefined {
  return page.title?.text.trim().split(/\s+/).at(-1);
}

function inferType(page: DocPage): Pick<PageTarget, "type" | "source"> | undefined {
  const types = Object.values(resourceTypes());
  const name = titleTypeName(page);
  if (name && page.namespace) {
    const type = types.find((candidate) => withoutHash(candidate.odataType) === `${page.namespace!.text}.${name}`);
    if (type) return { type, source: "title and namespace" };
  }
  for (const example of page.examples) {
    const body = example.json;
    const inBody = body?.ok && body.value !== null && typeof body.value === "object" ? (body.value as Record<string, unknown>)["@odata.type"] : undefined;
    // A collection's body names no type at its top; its annotation does.
    const odataType = typeof inBody === "string" ? inBody : example.annotation.odataType?.text;
    const type = odataType === undefined ? undefined : types.find((candidate) => withoutHash(candidate.odataType) === withoutHash(odataType));
    if (type) return { type, source: "example @odata.type" };
  }
  // The title alone, when only one type has that name (not "run", which two namespaces have).
  const byName = types.filter((candidate) => candidate.odataType.split(".").at(-1) === name);
  return byName.length === 1 ? { type: byName[0], source: "title" } : undefined;
}

/** The method the page documents: from its HTTP request block, else from its request example. */
export function pageMethod(page: DocPage): string | undefined {
  const fromBlock = page.httpRequest?.requests[0]?.method;
  if (fromBlock) return fromBlock;
  for (const example of page.examples) {
    const start = example.message.start;
    if (example.blockType === "request" && start?.kind === "request") return start.method;
  }
  return undefined;
}

/**
 * Finds the page's operation in the manifest by its `page` path; a page not in the
 * manifest (a copy, a new draft) gets the type inferred from its title and Namespace
 * line, its examples' @odata.type, or its title alone, and the manifest operation of
 * that type and method when there is exactly one.
 */
export function pageTarget(page: DocPage): PageTarget | undefined {
  const listed = operations().find((operation) => operation.pageFile === page.absolutePath);
  if (listed) return { type: resourceTypes()[listed.type], operation: listed, source: "manifest" };
  const inferred = inferType(page);
  if (!inferred) return undefined;
  const method = pageMethod(page);
  const candidates = operations().filter((operation) => operation.type === inferred.type.key && operation.method === method);
  return candidates.length === 1 ? { ...inferred, operation: candidates[0] } : inferred;
}
