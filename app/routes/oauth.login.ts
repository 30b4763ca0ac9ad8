import { redirect, type LoaderFunctionArgs } from "@remix-run/cloudflare";
import { oauthConfig } from "../auth/oauth-config";
import { cookie, STATE_COOKIE } from "../auth/session";

/** Only paths on this site: never an open redirect. */
export const safeReturnTo = (value: string | null) => (value && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : "/");

/** GET /oauth/login: to GitHub's authorize page, with a fresh `state` kept in an HttpOnly cookie. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const config = oauthConfig(context.cloudflare.env);
  if (!config) return redirect("/");
  const url = new URL(request.url);
  const state = Array.from(crypto.getRandomValues(new Uint8Array(24)), (b) => b.toString(16).padStart(2, "0")).join("");
  const authorize = new URL(`${config.oauthUrl}/login/oauth/authorize`);
  authorize.searchParams.set("client_id", config.clientId);
  authorize.searchParams.set("redirect_uri", `${url.origin}/oauth/callback`);
  authorize.searchParams.set("state", state);
  authorize.searchParams.set("scope", "read:user");
  authorize.searchParams.set("allow_signup", "false");
  const value = `${state}|${safeReturnTo(url.searchParams.get("returnTo"))}`;
  return redirect(authorize.toString(), { headers: { "set-cookie": cookie(STATE_COOKIE, value, { maxAgeSeconds: 600, secure: url.protocol === "https:" }) } });
}
