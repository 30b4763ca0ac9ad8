import { eq } from "drizzle-orm";
import type { Db } from "../db";
import { deliveryPayloads, type DeliveryStatus } from "../db/schema";

// D1 rows are capped at 2 MB; 500k UTF-16 units is at most 1.5 MB of UTF-8.
const CHUNK_CHARS = 500_000;

export type DeliveryRecord = {
  id: string;
  event: string;
  action: string | null;
  installationId: number | null;
  repositoryFullName: string | null;
  status: DeliveryStatus;
  error?: string;
  signedWith: "current" | "previous";
  /** When GitHub's request was acknowledged; now, when not given. */
  receivedAt?: string;
  body?: string;
};

export type RecordOutcome = { inserted: true } | { inserted: false; existing: { status: DeliveryStatus } };

/**
 * Stores the delivery row and its raw payload atomically (one D1 batch), first write wins:
 * a redelivery with the same X-GitHub-Delivery changes nothing.
 */
export async function recordDelivery(d1: D1Database, record: DeliveryRecord): Promise<RecordOutcome> {
  const [inserted] = await d1.batch<{ id: string }>(deliveryInsertStatements(d1, record));
  if (inserted && inserted.results.length > 0) return { inserted: true };
  const existing = await d1.prepare("SELECT status FROM deliveries WHERE id = ?").bind(record.id).first<{ status: DeliveryStatus }>();
  return { inserted: false, existing: { status: existing?.status ?? "received" } };
}

/** The statements that insert one delivery and its payload chunks unless the id is known (the first returns the id when inserted). */
export function deliveryInsertStatements(d1: D1Database, record: DeliveryRecord): D1PreparedStatement[] {
  const body = record.body ?? "";
  const nonce = crypto.randomUUID();
  const statements = [
    d1.prepare(
      `INSERT INTO deliveries (id, event, action, installation_id, repository_full_name, status, error, payload_bytes, signed_with, payload_nonce, finished_at, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE(?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))) ON CONFLICT (id) DO NOTHING RETURNING id`,
    ).bind(
      record.id, record.event, record.action, record.installationId, record.repositoryFullName, record.status, record.error ?? null,
      new TextEncoder().encode(body).byteLength, record.signedWith, nonce,
      record.status === "queued" || record.status === "received" ? null : new Date().toISOString(),
      record.receivedAt ?? null,
    ),
  ];
  // Guarded by the nonce: a redelivery (even with a different body) never touches the first one's payload.
  for (let i = 0, n = 0; i < body.length; i += CHUNK_CHARS, n++) {
    statements.push(
      d1.prepare(
        `INSERT INTO delivery_payloads (delivery_id, chunk, body) SELECT ?1, ?2, ?3
         WHERE EXISTS (SELECT 1 FROM deliveries WHERE id = ?1 AND payload_nonce = ?4)`,
      ).bind(record.id, n, body.slice(i, i + CHUNK_CHARS), nonce),
    );
  }
  return statements;
}

/** Reassembles a stored payload from its chunks. */
export async function loadDeliveryPayload(db: Db, deliveryId: string): Promise<string | null> {
  const rows = await db
    .select({ body: deliveryPayloads.body })
    .from(deliveryPayloads)
    .where(eq(deliveryPayloads.deliveryId, deliveryId))
    .orderBy(deliveryPayloads.chunk)
    .all();
  return rows.length ? rows.map((r) => r.body).join("") : null;
}
