import type { BatchItem } from "drizzle-orm/batch";
import { openDb, type Db } from "../db";
import type { DeliveryStatus } from "../db/schema";
import type { Env } from "../env";
import { PermanentError } from "../errors";
import { createRunsForTriggers } from "../runs/create-runs-for-triggers";
import { normalizeEvent, type RunTrigger } from "./normalize";

export const finalDeliveryStatuses: DeliveryStatus[] = ["processed", "failed", "dead_lettered", "rejected", "ignored"];

export type DeliveryOutcome =
  | { kind: "processed"; runs: number; event: string }
  | { kind: "skipped"; reason: "already_final" | "unknown_delivery" }
  | { kind: "failed"; error: string }
  | { kind: "retry"; error: string };

type Claimed = { id: string; event: string; action: string | null };
type Prepared = { id: string; event: string; statements: BatchItem<"sqlite">[]; triggers: RunTrigger[] };

const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");

/**
 * Normalises a batch of stored deliveries with as few D1 round trips as possible (claim + load,
 * write, mark), which is what bounds ingest throughput. Safe to repeat: the claim skips finished
 * deliveries, every write is an upsert, and runs are unique per (delivery, PR).
 */
export async function processDeliveries(env: Env, ids: string[]): Promise<Map<string, DeliveryOutcome>> {
  const outcomes = new Map<string, DeliveryOutcome>();
  if (ids.length === 0) return outcomes;
  const db = openDb(env.DB);
  const final = finalDeliveryStatuses.map((s) => `'${s}'`).join(", ");
  const [claimedRows, payloadRows] = await env.DB.batch([
    env.DB.prepare(`UPDATE deliveries SET status = 'processing', attempts = attempts + 1
      WHERE id IN (${placeholders(ids.length)}) AND status NOT IN (${final}) RETURNING id, event, action`).bind(...ids),
    env.DB.prepare(`SELECT delivery_id, body FROM delivery_payloads WHERE delivery_id IN (${placeholders(ids.length)})
      ORDER BY delivery_id, chunk`).bind(...ids),
  ]);
  const claimed = new Map((claimedRows!.results as Claimed[]).map((r) => [r.id, r]));
  const bodies = new Map<string, string>();
  for (const row of payloadRows!.results as { delivery_id: string; body: string }[]) {
    bodies.set(row.delivery_id, (bodies.get(row.delivery_id) ?? "") + row.body);
  }
  for (const id of ids) if (!claimed.has(id)) outcomes.set(id, { kind: "skipped", reason: "already_final" });

  const prepared: Prepared[] = [];
  for (const delivery of claimed.values()) {
    try {
      prepared.push(prepare(env, db, delivery, bodies.get(delivery.id)));
    } catch (error) {
      outcomes.set(delivery.id, classify(error));
    }
  }
  // One atomic batch for all; if it fails, find the culprit by writing each delivery alone.
  const written = await writeAll(db, prepared).catch(async () => {
    const ok: Prepared[] = [];
    for (const p of prepared) {
      try {
        await writeAll(db, [p]);
        ok.push(p);
      } catch (error) {
        outcomes.set(p.id, classify(error));
      }
    }
    return ok;
  });
  for (const p of written) {
    try {
      const runs = await createRunsForTriggers(env, p.id, p.triggers);
      outcomes.set(p.id, { kind: "processed", runs, event: p.event });
    } catch (error) {
      outcomes.set(p.id, classify(error));
    }
  }
  await recordOutcomes(env, outcomes);
  return outcomes;
}

function prepare(env: Env, db: Db, delivery: Claimed, body: string | undefined): Prepared {
  if (env.FAULT_INJECT_DELIVERY_PREFIX && delivery.id.startsWith(env.FAULT_INJECT_DELIVERY_PREFIX)) {
    throw new Error("fixforward: injected transient fault (FAULT_INJECT_DELIVERY_PREFIX)");
  }
  if (env.FAULT_INJECT_RANDOM_PREFIX && delivery.id.startsWith(env.FAULT_INJECT_RANDOM_PREFIX) && Math.random() < Number(env.FAULT_INJECT_RANDOM_RATE ?? "0.1")) {
    throw new Error("fixforward: injected random transient fault (FAULT_INJECT_RANDOM_PREFIX)");
  }
  if (body === undefined) throw new PermanentError(`payload of delivery ${delivery.id} is missing`);
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(body) as Record<string, unknown>;
  } catch {
    throw new PermanentError("stored payload is not valid JSON");
  }
  const { statements, triggers } = normalizeEvent({ db, deliveryId: delivery.id, event: delivery.event, action: delivery.action }, payload);
  return { id: delivery.id, event: delivery.event, statements, triggers };
}

async function writeAll(db: Db, prepared: Prepared[]): Promise<Prepared[]> {
  const statements = prepared.flatMap((p) => p.statements);
  if (statements.length > 0) await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  return prepared;
}

function classify(error: unknown): DeliveryOutcome {
  const message = error instanceof Error ? error.message : String(error);
  return error instanceof PermanentError ? { kind: "failed", error: message } : { kind: "retry", error: message };
}

/** Final states in one round trip; retried deliveries go back to "queued" with the reason, visible in GET /deliveries. */
async function recordOutcomes(env: Env, outcomes: Map<string, DeliveryOutcome>): Promise<void> {
  const now = new Date().toISOString();
  const statements: D1PreparedStatement[] = [];
  for (const [id, outcome] of outcomes) {
    if (outcome.kind === "processed") {
      statements.push(env.DB.prepare(`UPDATE deliveries SET status = 'processed', error = NULL, finished_at = ? WHERE id = ?`).bind(now, id));
    } else if (outcome.kind === "failed") {
      statements.push(env.DB.prepare(`UPDATE deliveries SET status = 'failed', error = ?, finished_at = ? WHERE id = ?`).bind(outcome.error, now, id));
    } else if (outcome.kind === "retry") {
      statements.push(env.DB.prepare(`UPDATE deliveries SET status = 'queued', error = ? WHERE id = ?`).bind(outcome.error, id));
    }
  }
  if (statements.length > 0) await env.DB.batch(statements);
}

export async function markDeadLettered(env: Env, ids: string[], reason: string): Promise<void> {
  if (ids.length === 0) return;
  await env.DB.prepare(`UPDATE deliveries SET status = 'dead_lettered', error = ?, finished_at = ? WHERE id IN (${placeholders(ids.length)})`)
    .bind(reason, new Date().toISOString(), ...ids).run();
}
