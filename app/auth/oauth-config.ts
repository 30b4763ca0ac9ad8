import type { DashboardEnv } from "../env";

export type OAuthConfig = { clientId: string; clientSecret: string; sessionSecret: string; oauthUrl: string; apiUrl: string };

/** Sign-in is on when both OAuth credentials are set; otherwise the dashboard is open (local mode). */
export function oauthConfig(env: DashboardEnv): OAuthConfig | null {
  if (!env.GITHUB_OAUTH_CLIENT_ID || !env.GITHUB_OAUTH_CLIENT_SECRET) return null;
  return {
    clientId: env.GITHUB_OAUTH_CLIENT_ID,
    clientSecret: env.GITHUB_OAUTH_CLIENT_SECRET,
    // A separate SESSION_SECRET is better; without one, sessions are signed with the client secret.
    sessionSecret: env.SESSION_SECRET || `fixforward-session:${env.GITHUB_OAUTH_CLIENT_SECRET}`,
    oauthUrl: (env.GITHUB_OAUTH_URL || "https://github.com").replace(/\/+$/, ""),
    apiUrl: (env.GITHUB_API_URL || "https://api.github.com").replace(/\/+$/, ""),
  };
}
