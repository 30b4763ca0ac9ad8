import type { Env } from "../env";

/** Without GitHub credentials, or with DRY_RUN=true, actions are recorded and never sent. */
export function isDryRun(env: Pick<Env, "DRY_RUN" | "GITHUB_TOKEN" | "GITHUB_APP_ID" | "GITHUB_APP_PRIVATE_KEY">): boolean {
  if (env.DRY_RUN === "true" || env.DRY_RUN === "1") return true;
  return !env.GITHUB_TOKEN && !(env.GITHUB_APP_ID && env.GITHUB_APP_PRIVATE_KEY);
}
