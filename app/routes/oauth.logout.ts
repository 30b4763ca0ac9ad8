import { redirect, type ActionFunctionArgs } from "@remix-run/cloudflare";
import { cookie, SESSION_COOKIE } from "../auth/session";

/** POST /oauth/logout: forgets the session. */
export async function action({ request }: ActionFunctionArgs) {
  return redirect("/oauth/signed-out", { headers: { "set-cookie": cookie(SESSION_COOKIE, "", { maxAgeSeconds: 0, secure: new URL(request.url).protocol === "https:" }) } });
}
