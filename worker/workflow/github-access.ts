import { createGithubClient, resolveGithubCredentials, type GithubClient } from "../github";
import type { Env } from "../env";
import { isDryRun } from "../runs/is-dry-run";

export type GithubAccess = { gh: GithubClient; apiUrl: string; token?: string; dryRun: boolean; note?: string };

/**
 * Reads go to GITHUB_API_URL with whatever credentials exist (public repositories and the local
 * stand-in need none); writes need a token — otherwise every action is recorded as dry-run.
 */
export function githubAccess(env: Env): GithubAccess {
  const credentials = resolveGithubCredentials(env);
  const apiUrl = env.GITHUB_API_URL || "https://api.github.com";
  const token = credentials.kind === "token" ? credentials.token : undefined;
  const gh = createGithubClient({ apiUrl, credentials: token ? credentials : { kind: "none" } });
  const appOnly = credentials.kind === "app";
  return {
    gh, apiUrl, ...(token ? { token } : {}),
    dryRun: isDryRun(env) || !token,
    ...(appOnly ? { note: "GitHub App installation tokens are not implemented yet: running in dry-run (set GITHUB_TOKEN to act)" } : {}),
  };
}
