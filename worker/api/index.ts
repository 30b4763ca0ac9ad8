import { log } from "../log";
import { Hono } from "hono";
import type { Env } from "../env";
import { apiError } from "../errors";
import { requestLog, type AppVariables } from "./middleware/request-log";
import { requireApiToken } from "./middleware/require-api-token";
import { runs } from "./agent-runs";
import { deliveriesRoute } from "./deliveries";
import { dora } from "./dora";
import { health } from "./health";
import { prs } from "./prs";
import { repos } from "./repos";
import { stream } from "./stream";
import { webhooks } from "./webhooks";

/** The Worker's HTTP API (DESIGN.md): one router per resource. */
export function createApp() {
  const app = new Hono<{ Bindings: Env; Variables: AppVariables }>();
  app.use(requestLog());
  app.use(requireApiToken());
  app.get("/", (c) => c.json({ name: "fixforward", docs: "see README.md", endpoints: ["/health", "/repos", "/prs", "/deliveries", "/stream", "/webhooks/github"] }));
  app.route("/health", health);
  app.route("/webhooks", webhooks);
  app.route("/repos", repos);
  app.route("/prs", prs);
  app.route("/agent-runs", runs);
  app.route("/deliveries", deliveriesRoute);
  app.route("/stream", stream);
  app.route("/dora", dora);
  app.get("/noop", (c) => c.text("ok")); // baseline for bench/ingest
  app.notFound((c) => apiError(c, 404, "not_found", `no route for ${c.req.method} ${new URL(c.req.url).pathname}`));
  app.onError((error, c) => {
    log("error", "unhandled error", { requestId: c.get("requestId"), path: new URL(c.req.url).pathname, error: String(error) });
    return apiError(c, 500, "internal", "internal error");
  });
  return app;
}
