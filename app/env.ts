import type { Viewer } from "./auth/require-session";

// What the dashboard's loaders get from Pages: the Worker API through a service binding.
export type DashboardEnv = {
  API: { fetch(request: Request): Promise<Response> };
  /** Local development: replay buttons, "local mode" badge. */
  LOCAL_MODE?: string;
  /** GitHub OAuth sign-in; when both are set every page and API call needs a session. */
  GITHUB_OAUTH_CLIENT_ID?: string;
  GITHUB_OAUTH_CLIENT_SECRET?: string;
  SESSION_SECRET?: string;
  /** GitHub (Enterprise) web and API base URLs, for OAuth; tests point them at a local stand-in. */
  GITHUB_OAUTH_URL?: string;
  GITHUB_API_URL?: string;
  /** An API token (npm run api-token) for the Worker's POST endpoints when it requires one. */
  DASHBOARD_API_TOKEN?: string;
};

declare module "@remix-run/cloudflare" {
  interface AppLoadContext {
    cloudflare: { env: DashboardEnv };
    /** Who is signed in (null when sign-in is not configured). */
    viewer: Viewer;
    /** The viewer chose demo data (cookie ff_demo): loaders answer from fixtures, pages say so. */
    demo: boolean;
  }
}
