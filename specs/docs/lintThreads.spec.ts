import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { lintPages, type PageInput } from "../../src/docs/lint";
import { lintPagesOnAllCores } from "../../src/docs/lintThreads";

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, "../..");

/** 1,200 pages: the project's pages and fixtures copied over and over, so names repeat across pages (duplicate-example-name). */
function corpus(): PageInput[] {
  const sources = ["apidocs", "specs/fixtures/docs/conventions", "specs/fixtures/docs/defects"].flatMap((dir) =>
    fs.readdirSync(path.join(ROOT, dir)).filter((name) => name.endsWith(".md")).map((name) => path.join(ROOT, dir, name)),
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gc-lint-threads-"));
  return Array.from({ length: 1200 }, (_, index) => {
    const source = sources[index % sources.length]!;
    const file = path.join(dir, `${String(index).padStart(4, "0")}-${path.basename(source)}`);
    fs.copyFileSync(source, file);
    return { path: path.basename(file), absolutePath: file };
  });
}

describe("lint-docs on every core", () => {
  it("finds on two threads exactly what one thread finds, in the same order, cross-page findings and suppressions included", async () => {
    const inputs = corpus();
    const one = lintPages(inputs, { ignore: [{ code: "todo-placeholder", page: "00*" }] });
    const two = await lintPagesOnAllCores(inputs, { ignore: [{ code: "todo-placeholder", page: "00*" }] }, 2);
    expect(one.findings.some((finding) => finding.code === "duplicate-example-name")).toBe(true);
    expect(one.suppressed).toBeGreaterThan(0);
    expect(two).toEqual(one);
  });
});
