import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/cloudflare";
import { Link, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useLoaderData, useRevalidator } from "@remix-run/react";
import { api } from "./api.server";
import styles from "./styles.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ context }: LoaderFunctionArgs) {
  const health = await api<{ ok: boolean; dryRun: boolean; version: string }>(context, "/health");
  return { health, localMode: context.cloudflare.env.LOCAL_MODE === "true" };
}

export default function App() {
  const { health, localMode } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>fixforward</title>
        <Meta />
        <Links />
      </head>
      <body>
        <header className="top">
          <Link to="/" className="brand">fixforward</Link>
          <nav aria-label="Main">
            <NavLink to="/" end>Overview</NavLink>
            <NavLink to="/prs">Pull requests</NavLink>
            <NavLink to="/deliveries">Deliveries</NavLink>
          </nav>
          <span className="badges">
            {localMode && <span className="badge" title="No sign-in configured: the dashboard is open">local mode</span>}
            {health.ok && health.data.dryRun && <span className="badge warn" title="No GitHub credentials: actions are recorded, not sent">dry-run</span>}
          </span>
        </header>
        {!health.ok && (
          <div role="alert" className="banner">
            <strong>API unreachable.</strong> {health.error}. Nothing below is live.{" "}
            <button type="button" onClick={() => revalidator.revalidate()}>Retry</button>
          </div>
        )}
        <main>
          <Outlet />
        </main>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}
