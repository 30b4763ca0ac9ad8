import type { Db } from "../db";
import type { Env } from "../env";
import { createGithubClient, d1TokenCache, getInstallationToken, resolveGithubCredentials, type GithubClient } from "../github";
import { isDryRun } from "../runs/is-dry-run";

export type GithubAccess = { gh: GithubClient; apiUrl: string; token?: string; dryRun: boolean; note?: string };

/**
 * GitHub access for one repository. A GITHUB_TOKEN is used as is; App credentials are exchanged for
 * the installation's token (cached in D1). Reads work without credentials (public repositories, the
 * local stand-in); writes need a token — otherwise every action is recorded as dry-run, and `note` says why.
 */
export async function githubAccess(env: Env, db: Db, installationId: number | null): Promise<GithubAccess> {
  const credentials = resolveGithubCredentials(env);
  const apiUrl = env.GITHUB_API_URL || "https://api.github.com";
  let token: string | undefined;
  let note: string | undefined;
  if (credentials.kind === "token") token = credentials.token;
  else if (credentials.kind === "app" && installationId === null) note = "GitHub App configured but this repository has no installation id yet (install the App on it): dry-run";
  else if (credentials.kind === "app" && installationId !== null) {
    try {
      token = (await getInstallationToken({ apiUrl, appId: credentials.appId, privateKey: credentials.privateKey, installationId, cache: d1TokenCache(db, credentials.privateKey) })).token;
    } catch (error) {
      note = `${(error as Error).message}: dry-run`;
    }
  }
  const gh = createGithubClient({ apiUrl, credentials: token ? { kind: "token", token } : { kind: "none" } });
  return { gh, apiUrl, ...(token ? { token } : {}), dryRun: isDryRun(env) || !token, ...(note ? { note } : {}) };
}
