import fs from "node:fs";
import path from "node:path";
import { PROJECT_ROOT, runBin, runInProcess } from "../docs/cliHarness";

const payloads = path.join(PROJECT_ROOT, "specs/fixtures/docs/payloads");

describe("graph-conformance validate", () => {
  it("accepts a real Graph response: @odata.context, 7-digit fractional seconds, members newer than the page", async () => {
    const outcome = await runInProcess(["validate", "industryData.runGroup.create", "response", "rungroup-response.json"], { cwd: payloads });
    expect(outcome).toEqual({
      status: 0,
      stdout: "rungroup-response.json: valid (industryData.runGroup.create response, schema responses/industryData.runGroup)\n",
      stderr: "",
    });
  });

  it("accepts a raw HTTP response with CRLF line ends and judges its body", async () => {
    const outcome = await runInProcess(["validate", "identityGovernance.run.update", "response", "identitygovernance-run-response.http"], { cwd: payloads });
    expect(outcome.status).toBe(0);
    expect(outcome.stdout).toContain("valid (identityGovernance.run.update response, schema responses/identityGovernance.run)");
  });

  it("rejects wrong types, date-times, enum values, unknown members, each with its line, path and rule", async () => {
    const outcome = await runInProcess(["validate", "industryData.run.update", "request", "run-request-invalid.json"], { cwd: payloads });
    expect(outcome.status).toBe(1);
    expect(outcome.stdout.trimEnd().split("\n").sort()).toEqual(
      [
        "run-request-invalid.json:2  $.displayName  E5  123 must be string",
        'run-request-invalid.json:3  $.startDateTime  E7  "2026-13-45T99:00:00Z" is not an RFC 3339 date-time',
        'run-request-invalid.json:5  $.status  E4  "paused" is not a member of the enum (running, failed, completed, completedWithErrors, completedWithWarnings, unknownFutureValue)',
        'run-request-invalid.json:6  $.statistics  E5  "x" must be object',
        'run-request-invalid.json:7  $.colour  E8  unknown member "colour"',
        "run-request-invalid.json: invalid: 5 violations (industryData.run.update request, schema requests/industryData.run.patch)",
      ].sort(),
    );
  });

  it("rejects Int32 values out of range or not integers, and null for a non-nullable member", async () => {
    const outcome = await runInProcess(["validate", "identityGovernance.run.update", "request", path.join(payloads, "identitygovernance-request-invalid.json")]);
    expect(outcome.status).toBe(1);
    const rules = outcome.stdout
      .split("\n")
      .filter((line) => line.includes("  $."))
      .map((line) => line.split("  ").slice(1, 3).join(" "))
      .sort();
    expect(rules).toEqual(["$.failedTasksCount E6", "$.failedUsersCount E6", "$.scheduledDateTime E13", "$.workflowExecutionType E4"]);
  });

  it("reads the payload from stdin with -", async () => {
    const outcome = await runInProcess(["validate", "industryData.outgoingFlowRun.update", "request", "-"], { stdin: '{"status": "completed"}' });
    expect(outcome.status).toBe(0);
    expect(outcome.stdout).toBe("stdin: valid (industryData.outgoingFlowRun.update request, schema requests/industryData.outgoingFlowRun.patch)\n");
  });

  it("judges a POST request by the members page 003 requires", async () => {
    const outcome = await runInProcess(["validate", "industryData.runGroup.create", "request", "-"], { stdin: '{"displayName": "x"}' });
    expect(outcome.status).toBe(1);
    expect(outcome.stdout).toContain('stdin:1  $.startDateTime  E10  missing required member "startDateTime"');
  });

  it.each([
    [["validate", "industryData.widget.update", "request", "x.json"], /^graph-conformance: unknown operation "industryData\.widget\.update"; the operations are: industryData\.runGroup\.create, .*identityGovernance\.run\.update\n$/],
    [["validate", "industryData.run.update", "reply", "x.json"], /^graph-conformance: kind must be request or response, not "reply"\n$/],
    [["validate", "industryData.run.update", "request", "missing.json"], /^graph-conformance: missing\.json: cannot read: no such file\n$/],
    [["validate", "industryData.run.update", "request", "not-json.json"], /^graph-conformance: not-json\.json:3:13: not valid JSON: invalid symbol\n$/],
    [["validate", "industryData.run.update", "request", "identitygovernance-run-response.http"], /^graph-conformance: identitygovernance-run-response\.http:1: a request was asked for but the file holds an HTTP response\n$/],
  ])("exits 2 with one line for unusable input: %j", async (args, message) => {
    const outcome = await runInProcess(args, { cwd: payloads });
    expect(outcome.status).toBe(2);
    expect(outcome.stdout).toBe("");
    expect(outcome.stderr).toMatch(message);
  });

  it("exits 2 for a raw HTTP response without a body, and for empty input", async () => {
    const headersOnly = await runInProcess(["validate", "industryData.run.update", "response", "-"], { stdin: "HTTP/1.1 204 No Content\r\n\r\n" });
    expect(headersOnly).toEqual({ status: 2, stdout: "", stderr: "graph-conformance: stdin: the HTTP message has no body\n" });
    const empty = await runInProcess(["validate", "industryData.run.update", "response", "-"], { stdin: "" });
    expect(empty).toEqual({ status: 2, stdout: "", stderr: "graph-conformance: stdin:1:1: no JSON value (the text is empty)\n" });
  });

  it("works through the bin script, stdin included", () => {
    const body = fs.readFileSync(path.join(payloads, "rungroup-response.json"), "utf8").replace('"running"', '"paused"');
    const outcome = runBin(["validate", "industryData.runGroup.update", "response", "-"], { stdin: body });
    expect(outcome.status).toBe(1);
    expect(outcome.stdout).toContain('stdin:8  $.status  E4  "paused" is not a member of the enum');
    expect(outcome.stderr).toBe("");
  });
});
