import { Hono } from "hono";
import type { Env } from "../../env";
import { isDryRun } from "../../runs/is-dry-run";

export const health = new Hono<{ Bindings: Env }>().get("/", async (c) => {
  const started = Date.now();
  try {
    await c.env.DB.prepare("SELECT 1").first();
    return c.json({ ok: true, db: "ok", dbLatencyMs: Date.now() - started, dryRun: isDryRun(c.env), version: "0.1.0" });
  } catch (error) {
    return c.json({ ok: false, db: `error: ${String(error)}`, dryRun: isDryRun(c.env), version: "0.1.0" }, 503);
  }
});
