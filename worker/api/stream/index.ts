import { Hono } from "hono";
import type { Env } from "../../env";

/** `GET /stream`: all activity as SSE, resumable with Last-Event-ID, served by the ActivityFeed object. */
export const stream = new Hono<{ Bindings: Env }>().get("/", (c) =>
  c.env.ACTIVITY.get(c.env.ACTIVITY.idFromName("global")).fetch(c.req.raw),
);
