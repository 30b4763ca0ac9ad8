import { and, eq, notInArray, sql } from "drizzle-orm";
import type { Env } from "../env";
import { openDb } from "../db";
import { deliveries, type DeliveryStatus } from "../db/schema";
import { PermanentError } from "../errors";
import { createRunsForTriggers } from "../runs/create-runs-for-triggers";
import { loadDeliveryPayload } from "./record-delivery";
import { normalizeEvent } from "./normalize";

export const finalDeliveryStatuses: DeliveryStatus[] = ["processed", "failed", "dead_lettered", "rejected", "ignored"];

export type ProcessOutcome =
  | { kind: "processed"; runs: number }
  | { kind: "already_final"; status: DeliveryStatus }
  | { kind: "unknown_delivery" };

/**
 * Normalises one stored delivery into D1 and starts its runs. Safe to repeat: the claim skips
 * finished deliveries, every write is an upsert, and runs are unique per (delivery, PR).
 * Throws PermanentError for payloads that can never succeed; anything else is worth a retry.
 */
export async function processDelivery(env: Env, deliveryId: string): Promise<ProcessOutcome> {
  const db = openDb(env.DB);
  const claimed = await db
    .update(deliveries)
    .set({ status: "processing", attempts: sql`${deliveries.attempts} + 1` })
    .where(and(eq(deliveries.id, deliveryId), notInArray(deliveries.status, finalDeliveryStatuses)))
    .returning({ event: deliveries.event, action: deliveries.action })
    .get();
  if (!claimed) {
    const row = await db.select({ status: deliveries.status }).from(deliveries).where(eq(deliveries.id, deliveryId)).get();
    return row ? { kind: "already_final", status: row.status } : { kind: "unknown_delivery" };
  }
  if (env.FAULT_INJECT_DELIVERY_PREFIX && deliveryId.startsWith(env.FAULT_INJECT_DELIVERY_PREFIX)) {
    throw new Error("fixforward: injected transient fault (FAULT_INJECT_DELIVERY_PREFIX)");
  }
  const text = await loadDeliveryPayload(db, deliveryId);
  if (text === null) throw new PermanentError(`payload of delivery ${deliveryId} is missing`);
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new PermanentError("stored payload is not valid JSON");
  }
  const { statements, triggers } = normalizeEvent({ db, deliveryId, event: claimed.event, action: claimed.action }, payload);
  if (statements.length > 0) await db.batch(statements as [(typeof statements)[number], ...typeof statements]);
  const runs = await createRunsForTriggers(env, deliveryId, triggers);
  await db
    .update(deliveries)
    .set({ status: "processed", error: null, finishedAt: new Date().toISOString() })
    .where(eq(deliveries.id, deliveryId))
    .run();
  return { kind: "processed", runs };
}

export async function markDelivery(env: Env, deliveryId: string, status: DeliveryStatus, error: string | null): Promise<void> {
  const final = finalDeliveryStatuses.includes(status);
  await openDb(env.DB)
    .update(deliveries)
    .set({ status, error, finishedAt: final ? new Date().toISOString() : null })
    .where(eq(deliveries.id, deliveryId))
    .run();
}

export const isPermanent = (error: unknown): boolean => error instanceof PermanentError;
