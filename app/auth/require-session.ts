import type { DashboardEnv } from "../env";
import { oauthConfig } from "./oauth-config";
import { readCookie, SESSION_COOKIE, verifySession } from "./session";

export type Viewer = { login: string } | null;

/**
 * The one gate in front of every page, loader, action and SSE proxy: with sign-in configured, a
 * request without a valid session is sent to sign in (pages) or refused with 401 (data, streams).
 * Returns the viewer (null in local mode) or the Response to send instead.
 */
export async function requireSession(request: Request, env: DashboardEnv): Promise<{ viewer: Viewer } | { response: Response }> {
  const config = oauthConfig(env);
  if (!config) return { viewer: null };
  const url = new URL(request.url);
  if (url.pathname.startsWith("/oauth/")) return { viewer: null };
  const session = await verifySession(readCookie(request, SESSION_COOKIE), config.sessionSecret);
  if (session) return { viewer: { login: session.login } };
  const wantsPage = request.method === "GET" && (request.headers.get("accept") ?? "").includes("text/html") && !url.pathname.startsWith("/sse/") && !url.searchParams.has("_data");
  if (!wantsPage) return { response: Response.json({ error: { code: "unauthenticated", message: "sign in with GitHub first" } }, { status: 401 }) };
  const returnTo = `${url.pathname}${url.search}`;
  return { response: new Response(null, { status: 302, headers: { location: `/oauth/login?returnTo=${encodeURIComponent(returnTo)}` } }) };
}
