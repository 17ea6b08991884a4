/** The commit and branch of the work tree, the default consumer version and branch. */
import { execFile } from "node:child_process";

function git(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile("git", args, { cwd, env }, (error, stdout) => resolve(error ? undefined : stdout.trim() || undefined));
  });
}

export function gitCommit(cwd: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  return git(["rev-parse", "HEAD"], cwd, env);
}

/** The current branch; undefined on a detached HEAD (as CI checkouts of pull requests are). */
export function gitBranch(cwd: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  return git(["branch", "--show-current"], cwd, env);
}
