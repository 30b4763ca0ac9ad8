// What the dashboard's loaders get from Pages: the Worker API through a service binding.
export type DashboardEnv = {
  API: { fetch(request: Request): Promise<Response> };
  /** Shown as "demo" only when explicitly enabled; never silently. */
  LOCAL_MODE?: string;
};

declare module "@remix-run/cloudflare" {
  interface AppLoadContext {
    cloudflare: { env: DashboardEnv };
  }
}
