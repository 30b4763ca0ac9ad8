import { Hono } from "hono";
import type { Env } from "../../env";
import { serveRoomStream } from "./serve-room-stream";

/** `GET /stream`: all activity as SSE, resumable with Last-Event-ID, served by the ActivityFeed object. */
export const stream = new Hono<{ Bindings: Env }>().get("/", (c) =>
  serveRoomStream(c.env, c.env.ACTIVITY.get(c.env.ACTIVITY.idFromName("global")), c.req.raw),
);
