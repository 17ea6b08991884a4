import fs from "node:fs";
import path from "node:path";
import { compile } from "json-schema-to-typescript";
import { DEFAULT_SCHEMA_DIR, SCHEMA_ID_PREFIX } from "./registry";

export const SCHEMA_TYPES_FILE = path.resolve(__dirname, "types.generated.ts");

/** The schemas that become named TypeScript types. */
const TYPED_SCHEMAS: Record<string, string> = {
  IndustryDataRun: "types/industryData.run",
  RunGroup: "types/industryData.runGroup",
  OutgoingFlowRun: "types/industryData.outgoingFlowRun",
  IdentityGovernanceRun: "types/identityGovernance.run",
  RunStatistics: "types/industryData.runStatistics",
  PublicError: "types/publicError",
  PublicErrorDetail: "types/publicErrorDetail",
  RunStatus: "enums/industryData.runStatus",
  LifecycleWorkflowProcessingStatus: "enums/identityGovernance.lifecycleWorkflowProcessingStatus",
  WorkflowExecutionType: "enums/identityGovernance.workflowExecutionType",
  GraphErrorBody: "errors/graphError",
};

function schemaFileOf(id: string): string {
  return path.join(DEFAULT_SCHEMA_DIR, `${id.slice(SCHEMA_ID_PREFIX.length).split("#")[0]}.schema.json`);
}

export async function renderSchemaTypes(): Promise<string> {
  const parts = ["/* Generated from schemas/ by `npm run schema-types`; do not edit. */\n"];
  for (const [name, schemaName] of Object.entries(TYPED_SCHEMAS)) {
    const schema = JSON.parse(fs.readFileSync(schemaFileOf(SCHEMA_ID_PREFIX + schemaName), "utf8"));
    const source = await compile({ ...schema, title: name }, name, {
      bannerComment: "",
      additionalProperties: false,
      declareExternallyReferenced: false,
      format: true,
      $refOptions: {
        resolve: {
          file: false,
          http: false,
          project: {
            order: 1,
            canRead: new RegExp(`^${SCHEMA_ID_PREFIX}`),
            read: (file: { url: string }) => fs.readFileSync(schemaFileOf(file.url), "utf8"),
          },
        },
      },
    });
    parts.push(source);
  }
  return parts.join("\n");
}
