import type { Env } from "../env";

/**
 * Cron sweep: a delivery stored in D1 whose enqueue failed stays "received"; hand it to the queue
 * again so nothing accepted is lost. Young rows are left alone (their enqueue may be in flight).
 */
export async function requeueStranded(env: Env, olderThanSeconds = 30, limit = 100): Promise<number> {
  const cutoff = new Date(Date.now() - olderThanSeconds * 1000).toISOString();
  const { results } = await env.DB.prepare(`SELECT id FROM deliveries WHERE status = 'received' AND received_at < ? ORDER BY received_at LIMIT ?`)
    .bind(cutoff, limit).all<{ id: string }>();
  if (results.length === 0) return 0;
  await env.WEBHOOK_QUEUE.sendBatch(results.map((r) => ({ body: { deliveryId: r.id } })));
  await env.DB.batch(results.map((r) => env.DB.prepare(`UPDATE deliveries SET status = 'queued', error = NULL WHERE id = ? AND status = 'received'`).bind(r.id)));
  return results.length;
}
