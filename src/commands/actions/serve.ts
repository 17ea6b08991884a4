import { EXIT_OK, UsageError } from "../../exitCodes";
import { normalisePrefix, startReferenceProvider, type RunningProvider } from "../../provider";
import type { CommandContext } from "../command";

export interface ServeOptions {
  port: string;
  host: string;
  prefix?: string;
  token?: string;
}

function parsePort(text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new UsageError(`--port must be an integer from 0 to 65535, got ${JSON.stringify(text)}`);
  return port;
}

const LISTEN_ERRORS: Readonly<Record<string, (host: string, port: number) => string>> = {
  EADDRINUSE: (host, port) => `port ${port} on ${host} is already in use; choose another with --port (0 picks a free one)`,
  EACCES: (host, port) => `not allowed to listen on ${host}:${port}; choose a port above 1023`,
  EADDRNOTAVAIL: (host) => `${host} is not an address of this machine`,
  ENOTFOUND: (host) => `host ${host} cannot be resolved`,
  EAI_AGAIN: (host) => `host ${host} cannot be resolved`,
};

async function start(options: ServeOptions, port: number): Promise<RunningProvider> {
  try {
    return await startReferenceProvider({ host: options.host, port, prefix: options.prefix, token: options.token });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    const explain = LISTEN_ERRORS[code];
    if (explain) throw new UsageError(explain(options.host, port));
    throw error;
  }
}

function nextStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(signal);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

export async function serveCommand(options: ServeOptions, context: CommandContext): Promise<void> {
  const port = parsePort(options.port);
  if (options.host.trim() === "") throw new UsageError("--host must not be empty");
  try {
    normalisePrefix(options.prefix);
  } catch (error) {
    throw new UsageError(`--prefix: ${(error as Error).message}`);
  }
  if (options.token === "") throw new UsageError("--token must not be empty");

  const running = await start(options, port);
  const stopped = nextStopSignal();
  context.stdout.write(
    `Reference provider: ${running.baseUrl}\n` +
      `Provider states:    ${running.stateUrl}\n` +
      `Authorization:      ${options.token === undefined ? "any non-empty bearer token" : "the bearer token given with --token"}\n` +
      "Press Ctrl-C to stop.\n",
  );
  const signal = await stopped;
  await running.close();
  context.stdout.write(`Stopped (${signal}).\n`);
  context.setExitCode(EXIT_OK);
}
