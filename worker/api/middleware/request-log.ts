import type { MiddlewareHandler } from "hono";
import type { Env } from "../../env";
import { log } from "../../log";

export type AppVariables = { requestId: string };

/** A request id on every request (cf-ray when Cloudflare gave one), echoed as x-request-id and logged once per request. */
export function requestLog(): MiddlewareHandler<{ Bindings: Env; Variables: AppVariables }> {
  return async (c, next) => {
    const requestId = c.req.header("cf-ray") ?? crypto.randomUUID();
    c.set("requestId", requestId);
    const started = Date.now();
    await next();
    c.header("x-request-id", requestId);
    const path = new URL(c.req.url).pathname;
    // Webhook acks are the hot path: log only failures there.
    if (path === "/webhooks/github" && c.res.status < 400) return;
    log(c.res.status >= 500 ? "error" : "info", "request", {
      requestId, method: c.req.method, path, status: c.res.status, durationMs: Date.now() - started,
      ...(c.req.header("x-github-delivery") ? { deliveryId: c.req.header("x-github-delivery") } : {}),
    });
  };
}
