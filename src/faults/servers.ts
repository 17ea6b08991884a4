import { startReferenceProvider, type RunningProvider } from "../provider";
import type { CatalogueEntry } from "./types";

/** Starts an entry's server on a free loopback port. */
export function startEntry(entry: CatalogueEntry): Promise<RunningProvider> {
  return startReferenceProvider({ ...entry.provider, host: "127.0.0.1", port: 0 });
}
