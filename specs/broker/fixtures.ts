/** Small pact files and git work trees for the broker specs. */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ProviderName } from "../../src/catalog";

export const CONSUMER = "graph-run-client";
export const PROVIDERS: readonly ProviderName[] = ["graph-beta-industryData", "graph-beta-identityGovernance"];

/** A V4 pact with one PATCH interaction, distinct per provider so specs can tell them apart. */
export function pactFor(provider: ProviderName): Record<string, unknown> {
  const path = provider === "graph-beta-industryData" ? "/process/runs/run-1" : "/identityGovernance/lifecycleWorkflows/workflows/w-1/runs/run-1";
  return {
    consumer: { name: CONSUMER },
    provider: { name: provider },
    interactions: [
      {
        type: "Synchronous/HTTP",
        description: `a PATCH to ${provider}`,
        providerStates: [{ name: "a run exists", params: { id: "run-1" } }],
        request: { method: "PATCH", path, headers: { "Content-Type": ["application/json"] }, body: { content: { displayName: "x" }, contentType: "application/json", encoded: false } },
        response: { status: 204 },
      },
    ],
    metadata: { pactSpecification: { version: "4.0" } },
  };
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `graph-conformance-${prefix}-`));
}

/** A directory with contracts/ holding one pact per provider; returns the pacts by file name. */
export function workTreeWithContracts(): { cwd: string; pacts: Map<string, Record<string, unknown>> } {
  const cwd = tempDir("publish");
  mkdirSync(path.join(cwd, "contracts"));
  const pacts = new Map<string, Record<string, unknown>>();
  for (const provider of PROVIDERS) {
    const name = `${CONSUMER}-${provider}.json`;
    const pact = pactFor(provider);
    writeFileSync(path.join(cwd, "contracts", name), JSON.stringify(pact, null, 2));
    pacts.set(name, pact);
  }
  return { cwd, pacts };
}

/** Makes dir a git work tree on branch with one commit; returns the commit sha. */
export function gitInit(dir: string, branch: string): string {
  const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=spec", "-c", "user.email=spec@example.invalid", ...args], { cwd: dir, encoding: "utf8" }).trim();
  git("init", "--quiet", "--initial-branch", branch);
  git("commit", "--quiet", "--allow-empty", "-m", "fixture");
  return git("rev-parse", "HEAD");
}
