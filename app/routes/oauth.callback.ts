import { redirect, type LoaderFunctionArgs } from "@remix-run/cloudflare";
import { oauthConfig } from "../auth/oauth-config";
import { constantTimeEqual, cookie, readCookie, SESSION_COOKIE, sessionMaxAgeSeconds, signSession, STATE_COOKIE } from "../auth/session";
import { safeReturnTo } from "./oauth.login";

const fail = (status: number, message: string) => new Response(`fixforward: sign-in failed — ${message}. Try again from /oauth/login.`, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

/** GET /oauth/callback: checks `state`, exchanges the code for a token, reads the login, sets the session. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const config = oauthConfig(context.cloudflare.env);
  if (!config) return redirect("/");
  const url = new URL(request.url);
  const [expected, returnTo] = (readCookie(request, STATE_COOKIE) ?? "").split("|");
  const state = url.searchParams.get("state") ?? "";
  if (!expected || !constantTimeEqual(state, expected)) return fail(400, "the state parameter does not match this browser's sign-in");
  const code = url.searchParams.get("code");
  if (!code) return fail(400, url.searchParams.get("error_description") ?? "GitHub sent no code");

  const exchange = await fetch(`${config.oauthUrl}/login/oauth/access_token`, {
    method: "POST",
    headers: { accept: "application/json", "content-type": "application/json" },
    body: JSON.stringify({ client_id: config.clientId, client_secret: config.clientSecret, code, redirect_uri: `${url.origin}/oauth/callback` }),
  }).catch((error: Error) => error);
  if (exchange instanceof Error || !exchange.ok) return fail(502, `GitHub's token endpoint did not answer (${exchange instanceof Error ? exchange.message : exchange.status})`);
  const token = (await exchange.json().catch(() => ({}))) as { access_token?: string; error_description?: string };
  if (!token.access_token) return fail(401, token.error_description ?? "no access token");

  const user = await fetch(`${config.apiUrl}/user`, { headers: { authorization: `Bearer ${token.access_token}`, accept: "application/vnd.github+json", "user-agent": "fixforward-dashboard" } }).catch((error: Error) => error);
  if (user instanceof Error || !user.ok) return fail(502, "could not read the GitHub user");
  const { login } = (await user.json()) as { login?: string };
  if (!login) return fail(502, "GitHub returned no login");

  const secure = url.protocol === "https:";
  const headers = new Headers({ location: safeReturnTo(returnTo ?? "/") });
  headers.append("set-cookie", cookie(SESSION_COOKIE, await signSession(login, config.sessionSecret), { maxAgeSeconds: sessionMaxAgeSeconds, secure }));
  headers.append("set-cookie", cookie(STATE_COOKIE, "", { maxAgeSeconds: 0, secure }));
  return new Response(null, { status: 302, headers });
}
