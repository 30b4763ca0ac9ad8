import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/cloudflare";
import { Form, Link, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useLoaderData, useRevalidator } from "@remix-run/react";
import { api } from "./api.server";
import { oauthConfig } from "./auth/oauth-config";
import { demoCapturedAt } from "./demo/demo-api";
import styles from "./styles.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ context }: LoaderFunctionArgs) {
  const health = await api<{ ok: boolean; dryRun: boolean; version: string }>(context, "/health");
  return {
    health, localMode: context.cloudflare.env.LOCAL_MODE === "true", signIn: oauthConfig(context.cloudflare.env) !== null,
    viewer: context.viewer, demo: context.demo ? { capturedAt: demoCapturedAt } : null,
  };
}

export default function App() {
  const { health, localMode, signIn, viewer, demo } = useLoaderData<typeof loader>();
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
            <NavLink to="/repos">Repositories</NavLink>
            <NavLink to="/prs">Pull requests</NavLink>
            <NavLink to="/deliveries">Deliveries</NavLink>
          </nav>
          <span className="badges">
            {demo && <span className="badge warn">demo data</span>}
            {localMode && <span className="badge" title="Local development: replay buttons are on">local mode</span>}
            {!signIn && <span className="badge" title="No GitHub sign-in configured: the dashboard is open to anyone who can reach it">open (no sign-in)</span>}
            {health.ok && health.data.dryRun && <span className="badge warn" title="No GitHub credentials: actions are recorded, not sent">dry-run</span>}
            {viewer && (
              <Form method="post" action="/oauth/logout" className="viewer" reloadDocument>
                <span data-testid="viewer">@{viewer.login}</span> <button type="submit">Sign out</button>
              </Form>
            )}
          </span>
        </header>
        {demo && (
          <div role="status" className="banner demo" data-testid="demo-banner">
            <strong>Demo data.</strong> Everything below was recorded from the bundled example run on {new Date(demo.capturedAt).toLocaleDateString()} — not your repositories, not live.{" "}
            <a href="/demo?on=0">Back to live data</a>
          </div>
        )}
        {!health.ok && (
          <div role="alert" className="banner">
            <strong>API unreachable.</strong> {health.error}. Nothing below is live.{" "}
            <button type="button" onClick={() => revalidator.revalidate()}>Retry</button>{" "}
            or <a href="/demo?on=1">look around with demo data</a> (clearly labelled).
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
