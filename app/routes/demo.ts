import { redirect, type LoaderFunctionArgs } from "@remix-run/cloudflare";
import { cookie, DEMO_COOKIE } from "../auth/session";

/** GET /demo?on=1 shows the labelled demo data; /demo?on=0 goes back to live data. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const on = url.searchParams.get("on") !== "0";
  return redirect("/", { headers: { "set-cookie": cookie(DEMO_COOKIE, on ? "1" : "", { maxAgeSeconds: on ? 86_400 : 0, secure: url.protocol === "https:" }) } });
}
