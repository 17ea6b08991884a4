import { action, type RegisterCommand } from "./command";
import type { ServeOptions } from "./actions/serve";

export const registerServe: RegisterCommand = (program, context) => {
  program
    .command("serve")
    .description("Run the embedded reference provider: every operation (the built-in five and --operations), implementing every rule, on loopback")
    .option("--port <n>", "port to listen on; 0 picks a free port", "0")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--prefix <path>", "base path prefix, e.g. /beta")
    .option("--token <token>", "accept only this bearer token (default: any non-empty one)")
    .addHelpText("after", "\nPrints the base URL and the provider-state URL, then serves until Ctrl-C or SIGTERM.\nExit status: 0 stopped cleanly; 2 bad option or the address cannot be used.")
    .action((options: ServeOptions) => action<typeof import("./actions/serve")>("serve").serveCommand(options, context));
};
