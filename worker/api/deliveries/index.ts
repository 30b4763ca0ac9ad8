import { and, count, desc, eq, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { openDb } from "../../db";
import { deliveries, deliveryStatuses } from "../../db/schema";
import type { Env } from "../../env";
import { apiError } from "../../errors";
import { offsetOf, paginationSchema } from "../pagination";
import { parseInput } from "../parse-input";

const listQuery = paginationSchema.extend({
  status: z.enum(deliveryStatuses).optional(),
  event: z.string().regex(/^[a-z_]{1,64}$/).optional(),
});

export const deliveriesRoute = new Hono<{ Bindings: Env }>()
  .get("/", async (c) => {
    const q = parseInput(c, listQuery, c.req.query(), "query");
    if (!q.ok) return q.response;
    const db = openDb(c.env.DB);
    const where: SQL[] = [];
    if (q.data.status) where.push(eq(deliveries.status, q.data.status));
    if (q.data.event) where.push(eq(deliveries.event, q.data.event));
    const condition = where.length ? and(...where) : undefined;
    const columns = {
      id: deliveries.id, event: deliveries.event, action: deliveries.action, status: deliveries.status, error: deliveries.error,
      receivedAt: deliveries.receivedAt, finishedAt: deliveries.finishedAt, attempts: deliveries.attempts,
      repositoryFullName: deliveries.repositoryFullName, payloadBytes: deliveries.payloadBytes,
    };
    const [rows, [total]] = await Promise.all([
      db.select(columns).from(deliveries).where(condition).orderBy(desc(deliveries.receivedAt)).limit(q.data.perPage).offset(offsetOf(q.data)).all(),
      db.select({ n: count() }).from(deliveries).where(condition).all(),
    ]);
    return c.json({ deliveries: rows, page: q.data.page, perPage: q.data.perPage, total: total?.n ?? 0 });
  })
  .get("/:id", async (c) => {
    const row = await openDb(c.env.DB).select().from(deliveries).where(eq(deliveries.id, c.req.param("id"))).get();
    return row ? c.json({ delivery: { ...row, payloadNonce: undefined } }) : apiError(c, 404, "not_found", `delivery ${c.req.param("id")} not found`);
  })
  // Local mode only: put a stored delivery through the consumer again (e.g. after fixing a bug that failed it).
  .post("/:id/replay", async (c) => {
    if (c.env.LOCAL_MODE !== "true") return apiError(c, 403, "local_only", "replay is available in local mode only");
    const db = openDb(c.env.DB);
    const id = c.req.param("id");
    const row = await db.select({ status: deliveries.status }).from(deliveries).where(eq(deliveries.id, id)).get();
    if (!row) return apiError(c, 404, "not_found", `delivery ${id} not found`);
    if (row.status === "rejected" || row.status === "ignored") return apiError(c, 409, "not_replayable", `delivery ${id} is ${row.status}`);
    await db.update(deliveries).set({ status: "queued", error: null, finishedAt: null }).where(eq(deliveries.id, id)).run();
    await c.env.WEBHOOK_QUEUE.send({ deliveryId: id });
    return c.json({ ok: true, deliveryId: id, status: "queued" }, 202);
  });
