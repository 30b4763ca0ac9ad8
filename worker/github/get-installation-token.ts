import { createAppJwt } from "./create-app-jwt";

export type CachedToken = { token: string; expiresAt: number };
/** Where installation tokens live between requests (D1 in the Worker, a Map in a CLI). */
export type TokenCache = { get(key: string): Promise<CachedToken | null>; put(key: string, value: CachedToken): Promise<void> };

export type InstallationTokenOptions = {
  apiUrl: string;
  appId: string;
  privateKey: string;
  installationId: number;
  cache: TokenCache;
  fetch?: typeof fetch;
  now?: () => number;
};

/** A token is renewed this long before GitHub says it expires, so no request starts with a dying one. */
export const TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * An installation access token for `installationId`: from the cache while it has more than five
 * minutes left, otherwise exchanged for a fresh App JWT at `POST /app/installations/{id}/access_tokens`.
 */
export async function getInstallationToken(options: InstallationTokenOptions): Promise<CachedToken & { cached: boolean }> {
  const now = options.now ?? Date.now;
  const key = `app:${options.appId}:installation:${options.installationId}`;
  const cached = await options.cache.get(key);
  if (cached && cached.expiresAt - TOKEN_REFRESH_MARGIN_MS > now()) return { ...cached, cached: true };

  const { jwt } = await createAppJwt({ appId: options.appId, privateKey: options.privateKey, now });
  const url = `${options.apiUrl.replace(/\/+$/, "")}/app/installations/${options.installationId}/access_tokens`;
  const response = await (options.fetch ?? fetch)(url, {
    method: "POST",
    headers: { authorization: `Bearer ${jwt}`, accept: "application/vnd.github+json", "user-agent": "fixforward", "x-github-api-version": "2022-11-28" },
    signal: AbortSignal.timeout(15_000),
  });
  if (!response.ok) {
    const detail = await response.text().catch(() => "");
    const why = response.status === 401 ? "GitHub refused the App JWT (check GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY, and the clock)"
      : response.status === 404 ? `installation ${options.installationId} not found (was the App uninstalled?)`
      : `GitHub answered ${response.status}`;
    throw new Error(`fixforward: could not get an installation token: ${why}${detail ? ` — ${detail.slice(0, 200)}` : ""}`);
  }
  const body = (await response.json()) as { token?: string; expires_at?: string };
  const expiresAt = Date.parse(body.expires_at ?? "");
  if (!body.token || Number.isNaN(expiresAt)) throw new Error("fixforward: GitHub's installation token answer had no token or expires_at");
  const fresh = { token: body.token, expiresAt };
  await options.cache.put(key, fresh);
  return { ...fresh, cached: false };
}
