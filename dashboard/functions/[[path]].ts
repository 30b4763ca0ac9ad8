// Pages Functions entry: every request not served from build/client goes through the sign-in gate,
// then to Remix with the viewer in the load context.
import { createPagesFunctionHandler } from "@remix-run/cloudflare-pages";
// @ts-expect-error the server build exists after `npm run build:dashboard`
import * as build from "../../build/server";
import { requireSession, type Viewer } from "../../app/auth/require-session";
import { DEMO_COOKIE, readCookie } from "../../app/auth/session";
import type { DashboardEnv } from "../../app/env";

const viewers = new WeakMap<Request, Viewer>();
const inDemo = (request: Request) => readCookie(request, DEMO_COOKIE) === "1";

const remix = createPagesFunctionHandler<DashboardEnv>({
  build,
  getLoadContext: ({ context, request }) => ({ cloudflare: context.cloudflare, viewer: viewers.get(request) ?? null, demo: inDemo(request) }),
});

export const onRequest: PagesFunction<DashboardEnv> = async (context) => {
  const gate = await requireSession(context.request, context.env);
  if ("response" in gate) return gate.response;
  viewers.set(context.request, gate.viewer);
  return remix(context);
};
