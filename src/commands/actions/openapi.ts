import fs from "node:fs";
import path from "node:path";
import { EXIT_OK, UsageError } from "../../exitCodes";
import { buildOpenApiDocument, renderOpenApiDocument } from "../../openapi/document";
import { DEFAULT_SERVER } from "../../openapi/server";
import type { CommandContext } from "../command";
import { parseHttpUrl } from "../../httpUrl";

export interface OpenApiCommandOptions {
  out?: string;
  server?: string;
}

function serverUrl(value: string): string {
  parseHttpUrl(value, "--server");
  return value;
}

export function openapiCommand(options: OpenApiCommandOptions, context: CommandContext): void {
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
}
