import fs from "node:fs";
import path from "node:path";
import { EXIT_OK, UsageError } from "../exitCodes";
import { DEFAULT_SERVER, buildOpenApiDocument, renderOpenApiDocument } from "../openapi/document";
import type { RegisterCommand } from "./command";

interface OpenApiCommandOptions {
  out?: string;
  server?: string;
}

function serverUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--server must be an absolute http(s) URL, got ${JSON.stringify(value)}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new UsageError(`--server must be an http(s) URL, got ${JSON.stringify(value)}`);
  return value;
}

export const registerOpenApi: RegisterCommand = (program, context) => {
  program
    .command("openapi")
    .description("Print the OpenAPI 3.1 document of the five operations, built from the operations manifest and the JSON Schemas")
    .option("--out <file>", "write the document to this file instead of standard output")
    .option("--server <url>", `the servers URL the paths are relative to (default: ${DEFAULT_SERVER})`)
    .addHelpText("after", "\nExit status: 0 written; 2 bad --server or the file cannot be written.")
    .action((options: OpenApiCommandOptions) => {
      const text = renderOpenApiDocument(buildOpenApiDocument({ server: serverUrl(options.server ?? DEFAULT_SERVER) }));
      if (options.out === undefined) {
        context.stdout.write(text);
      } else {
        const file = path.resolve(context.cwd, options.out);
        try {
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fs.writeFileSync(file, text);
        } catch (error) {
          throw new UsageError(`cannot write ${options.out}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
        }
        context.stdout.write(`wrote ${options.out}\n`);
      }
      context.setExitCode(EXIT_OK);
    });
};
