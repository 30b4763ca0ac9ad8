import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";

// The dashboard: Remix on Cloudflare Pages. `npm run build:dashboard` → build/client (static) and
// build/server (imported by functions/[[path]].ts); served by `wrangler pages dev` with a service
// binding API → the `fixforward` Worker (scripts/dev-dashboard.mjs).
export default defineConfig({
  plugins: [remix({ appDirectory: "app", buildDirectory: "build", ignoredRouteFiles: ["**/*.test.*"] })],
  build: { emptyOutDir: true },
});
