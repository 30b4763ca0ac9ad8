// Pages Functions entry: every request not served from build/client goes to Remix.
import { createPagesFunctionHandler } from "@remix-run/cloudflare-pages";
// @ts-expect-error the server build exists after `npm run build:dashboard`
import * as build from "../../build/server";

export const onRequest = createPagesFunctionHandler({ build, getLoadContext: ({ context }) => ({ cloudflare: context.cloudflare }) });
