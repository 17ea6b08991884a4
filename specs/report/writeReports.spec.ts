import { XMLValidator } from "fast-xml-parser";
import { mkdtemp, mkdir, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { createConsoleReporter, writeReports } from "../../src/report";
import { pathInside, writeFileAtomically } from "../../src/report/writeFiles";
import { MIN_MASKED_SECRET_LENGTH } from "../../src/http/redact";
import { reportScrubber, scrubDeep, secretScrubber } from "../../src/report/secrets";
import { REPORTED_BODY_LIMIT } from "../../src/report/cutBodies";
import { TOKEN, passingCheck, runResults } from "./fixtures";

const tokenForms = [
  TOKEN,
  encodeURIComponent(TOKEN),
  Buffer.from(TOKEN).toString("base64"),
  Buffer.from(TOKEN).toString("base64url"),
  JSON.stringify(TOKEN).slice(1, -1),
  TOKEN.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;"),
  // The distinctive core, so no partial rendering of the token slips through either.
  "S3cr3t",
];

describe("writeReports", () => {
  let workDir: string;
  beforeEach(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), "gc-report-"));
  });
  afterEach(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it("creates the report dir if missing and writes the three files there, returning their paths", async () => {
    const reportDir = path.join(workDir, "nested", "reports");
    const paths = await writeReports(runResults(), reportDir, { secrets: [] });
    expect(paths).toEqual({ junit: path.join(reportDir, "junit.xml"), json: path.join(reportDir, "results.json"), html: path.join(reportDir, "report.html"), har: path.join(reportDir, "exchanges.har") });
    expect((await readdir(reportDir)).sort()).toEqual(["exchanges.har", "junit.xml", "report.html", "results.json"]);
    expect(JSON.parse(await readFile(paths.json, "utf8")).summary.failed).toBe(3);
  });

  it("never lets a known token out, in any form, in any file or console line", async () => {
    const results = runResults({ incomplete: `aborted; last error mentioned ${TOKEN}` });
    const paths = await writeReports(results, workDir, { secrets: [TOKEN] });
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    for (const tty of [false, true]) {
      const reporter = createConsoleReporter(stream, { tty, secrets: [TOKEN] });
      for (const check of results.checks) reporter.onCheckFinished(check);
      reporter.printSummary(results);
    }
    const outputs: Record<string, string> = { console: Buffer.concat(chunks).toString("utf8") };
    for (const [kind, file] of Object.entries(paths)) outputs[kind] = await readFile(file, "utf8");
    // The fixture does carry the token, so this spec fails if scrubbing is removed.
    expect(results.checks[1].message).toContain(TOKEN);
    for (const [kind, text] of Object.entries(outputs)) {
      for (const form of tokenForms) expect({ kind, leaked: text.includes(form) ? form : null }).toEqual({ kind, leaked: null });
      expect(text).toContain("***");
    }
    expect(XMLValidator.validate(outputs.junit)).toBe(true);
  });

  it("marks every file of an incomplete run", async () => {
    const paths = await writeReports(runResults({ incomplete: "interrupted by SIGINT" }), workDir, { secrets: [] });
    expect(await readFile(paths.junit, "utf8")).toContain("INCOMPLETE: interrupted by SIGINT");
    expect(JSON.parse(await readFile(paths.json, "utf8"))).toMatchObject({ incomplete: "interrupted by SIGINT", summary: { incomplete: true } });
    expect(await readFile(paths.html, "utf8")).toContain("INCOMPLETE: interrupted by SIGINT");
  });

  it("replaces a planted symlink instead of writing through it, and leaves no temp file", async () => {
    const outside = path.join(workDir, "outside.txt");
    await writeFile(outside, "untouched");
    const reportDir = path.join(workDir, "reports");
    await mkdir(reportDir);
    await symlink(outside, path.join(reportDir, "junit.xml"));
    await writeReports(runResults(), reportDir, { secrets: [] });
    expect(await readFile(outside, "utf8")).toBe("untouched");
    expect(await readFile(path.join(reportDir, "junit.xml"), "utf8")).toMatch(/^<\?xml/);
    expect((await readdir(reportDir)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("keeps the previous file whole and removes its temp file when the write cannot finish", async () => {
    // A directory in the way makes the final rename fail after the temp file is written.
    await mkdir(path.join(workDir, "report.html", "blocker"), { recursive: true });
    await writeFile(path.join(workDir, "junit.xml"), "previous");
    await expect(writeReports(runResults(), workDir, { secrets: [] })).rejects.toThrow(/^cannot write .*report\.html: /);
    expect((await readdir(workDir)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    expect(await readFile(path.join(workDir, "junit.xml"), "utf8")).toMatch(/^<\?xml/);
  });

  it("fails with a one-line reason when the report dir cannot be created", async () => {
    const file = path.join(workDir, "a-file");
    await writeFile(file, "x");
    await expect(writeReports(runResults(), path.join(file, "reports"), { secrets: [] })).rejects.toThrow(/^cannot create the report directory .*a-file\/reports: /);
  });
});

describe("files only inside the report dir", () => {
  it("refuses names that resolve outside it", async () => {
    const root = path.resolve("/tmp/reports-root");
    expect(pathInside(root, "junit.xml")).toBe(path.join(root, "junit.xml"));
    for (const name of ["../junit.xml", "../../etc/passwd", "/etc/passwd", ".", "sub/../../x"]) {
      expect(() => pathInside(root, name)).toThrow(/resolves outside the report directory/);
    }
    await expect(writeFileAtomically(root, "../escape.txt", "x")).rejects.toThrow(/outside the report directory/);
  });
});

describe("secret scrubber", () => {
  it("masks the secret raw, URL-encoded, base64, JSON-, markup- and shell-escaped, longest secret first", () => {
    const scrub = secretScrubber(["abc", "abc-def", ""]);
    expect(scrub("x abc-def y abc z")).toBe("x *** y *** z");
    expect(scrub(Buffer.from("abc-def").toString("base64"))).toBe("***");
    const special = secretScrubber([TOKEN]);
    for (const form of tokenForms.slice(0, -1)) expect(special(`<${form}>`)).toBe("<***>");
  });

  it("changes nothing when there is no secret", () => {
    expect(secretScrubber([])("Bearer abc")).toBe("Bearer abc");
  });

  it("scrubs every string of a nested value, copying only what changed and modifying nothing", () => {
    const untouched = { status: 200, headers: { "content-type": "application/json" } };
    const value = { checks: [{ message: `echo ${TOKEN}`, response: untouched }, "plain", 3, null] as unknown[], note: TOKEN, [TOKEN]: "a key is kept" };
    const before = JSON.stringify(value);
    const scrubbed = scrubDeep(value, secretScrubber([TOKEN]));
    expect(scrubbed).toEqual({ checks: [{ message: "echo ***", response: untouched }, "plain", 3, null], note: "***", [TOKEN]: "a key is kept" });
    expect(JSON.stringify(value)).toBe(before);
    expect((scrubbed.checks[0] as { response: unknown }).response).toBe(untouched);
    const clean = { checks: [{ message: "nothing secret" }] };
    expect(scrubDeep(clean, secretScrubber([TOKEN]))).toBe(clean);
  });
});

describe("a short token", () => {
  it("leaves the reports whole: statuses, names and markup are not masked", async () => {
    const directory = await mkdtemp(path.join(tmpdir(), "short-token-"));
    const results = runResults();
    const paths = await writeReports(results, directory, { secrets: ["e"] });
    const json = JSON.parse(await readFile(paths.json, "utf8"));
    expect(json.checks.map((check: { status: string }) => check.status)).toEqual(results.checks.map((check) => check.status));
    expect(XMLValidator.validate(await readFile(paths.junit, "utf8"))).toBe(true);
    expect(await readFile(paths.html, "utf8")).toContain("</html>");
    await rm(directory, { recursive: true });
  });

  it(`is not masked in text, while a token of ${MIN_MASKED_SECRET_LENGTH} characters is`, () => {
    expect(reportScrubber(["short"])("a short note")).toBe("a short note");
    expect(reportScrubber(["longtoken"])("a longtoken note")).toBe("a *** note");
  });
});

describe("a huge body", () => {
  it(`is cut to ${REPORTED_BODY_LIMIT} characters in every report, and marked`, async () => {
    const directory = await mkdtemp(path.join(tmpdir(), "huge-body-"));
    const huge = `{"displayName":"${"x".repeat(3 * 1024 * 1024)}"}`;
    const check = { ...passingCheck(), status: "failed" as const, message: "body too large" };
    check.exchanges = [{ ...check.exchanges[0]!, response: { ...check.exchanges[0]!.response!, body: huge } }];
    const paths = await writeReports(runResults({ checks: [check] }), directory, { secrets: [] });
    for (const file of Object.values(paths)) {
      const text = await readFile(file, "utf8");
      expect(text.length).toBeLessThan(6 * REPORTED_BODY_LIMIT);
      expect(text).toContain(`cut in the report: ${huge.length - REPORTED_BODY_LIMIT} more characters`);
    }
    const json = JSON.parse(await readFile(paths.json, "utf8"));
    expect(json.checks[0].exchanges[0].response.bodyTruncated).toBe(true);
    await rm(directory, { recursive: true });
  });
});
