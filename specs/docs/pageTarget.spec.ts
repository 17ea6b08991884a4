import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { lintPages } from "../../src/docs/lint";
import { parsePage } from "../../src/docs/parsePage";
import { pageTarget } from "../../src/docs/pageTarget";
import { PACKAGE_ROOT as PROJECT_ROOT } from "../../src/packageFiles";

function draft(source: string) {
  return parsePage(source, "draft.md", "/elsewhere/draft.md");
}

const responseOf = (odataType: string) =>
  `<!-- { "blockType": "response" } -->\n\`\`\` http\nHTTP/1.1 200 OK\n\n{ "@odata.type": "${odataType}", "id": "1" }\n\`\`\`\n`;

describe("pageTarget", () => {
  it("finds a manifest page by its path", () => {
    const page = "apidocs/industrydata-outgoingflowrun-update.md";
    const absolutePath = path.join(PROJECT_ROOT, page);
    const target = pageTarget(parsePage(fs.readFileSync(absolutePath, "utf8"), page, absolutePath));
    expect(target).toMatchObject({ source: "manifest", operation: { id: "industryData.outgoingFlowRun.update" } });
  });

  it("infers another page's type from its title and Namespace line, and the operation from its method", () => {
    const target = pageTarget(draft("# Update run\nNamespace: microsoft.graph.identityGovernance\n\n## HTTP request\n\n```http\nPATCH /workflowBase/runs/{id}\n```\n"));
    expect(target).toMatchObject({ source: "title and namespace", type: { key: "identityGovernance.run" }, operation: { id: "identityGovernance.run.update" } });
  });

  it("falls back to an example's @odata.type, then to a title naming one type only", () => {
    expect(pageTarget(draft(`# Update run\nNamespace: microsoft.graph\n\n${responseOf("#microsoft.graph.industryData.run")}`))).toMatchObject({
      source: "example @odata.type",
      type: { key: "industryData.run" },
    });
    expect(pageTarget(draft(`# Create runGroup\nNamespace: microsoft.graph\n\n${responseOf("#microsoft.industryData.runGroup")}`))).toMatchObject({
      source: "title",
      type: { key: "industryData.runGroup" },
    });
  });

  it("gives up when the title names two types and nothing else tells them apart", () => {
    expect(pageTarget(draft(`# Update run\nNamespace: microsoft.graph\n\n${responseOf("#microsoft.graph.run")}`))).toBeUndefined();
  });
});

describe("table-example-mismatch exceptions", () => {
  function lintDraft(source: string) {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "lint-docs-"));
    const file = path.join(directory, "draft.md");
    fs.writeFileSync(file, source);
    try {
      return lintPages([{ path: "draft.md", absolutePath: file }]).findings.filter((item) => item.code === "table-example-mismatch");
    } finally {
      fs.rmSync(directory, { recursive: true });
    }
  }
  const table = (rows: string) => `|Property|Type|Description|\n|:---|:---|:---|\n${rows}\n\n`;
  const request = (body: string) => `<!-- { "blockType": "request", "name": "x" } -->\n\`\`\` http\nPATCH https://graph.microsoft.com/beta/x\n\n${body}\n\`\`\`\n`;

  it("lets a derived type's example show members inherited from its base type, and id", () => {
    const source = `# Update runGroup\nNamespace: microsoft.graph.industryData\n\n${table("|displayName|String|Name.|")}${request('{ "displayName": "a", "status": "running", "id": "String" }')}`;
    expect(lintDraft(source)).toEqual([]);
  });

  it("reports a member of a type without a base type that the table does not list", () => {
    const source = `# Update run\nNamespace: microsoft.graph.identityGovernance\n\n${table("|failedTasksCount|Int32|Count.|")}${request('{ "failedTasksCount": 1, "totalUsersCount": 2 }')}`;
    expect(lintDraft(source)).toEqual([expect.objectContaining({ line: 12, message: '"totalUsersCount" of request example "x" is not in the property table' })]);
  });
});
