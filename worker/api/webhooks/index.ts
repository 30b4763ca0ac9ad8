import { log } from "../../log";
import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { openDb } from "../../db";
import { deliveries } from "../../db/schema";
import type { Env } from "../../env";
import { apiError } from "../../errors";
import { handledEvents } from "../../ingest/normalize";
import { parseWebhookBody } from "../../ingest/parse-webhook-body";
import { readLimitedBody } from "../../ingest/read-limited-body";
import { recordDelivery } from "../../ingest/record-delivery";
import { SignatureFailureLimiter } from "../../ingest/signature-failure-limiter";
import { verifySignature } from "../../ingest/verify-signature";
import { publishActivity } from "../../activity-feed/publish-activity";

const eventName = /^[a-z_]{1,64}$/;
// Queue messages are capped at 128 KB; the rest of the message needs a little room.
const INLINE_PAYLOAD_BYTES = 100_000;
const deliveryId = /^[A-Za-z0-9._:-]{1,128}$/;

const limiter = new SignatureFailureLimiter();

/** `POST /webhooks/github`: verify, enqueue durably, answer — storing and the heavy work are the queue consumer's. */
export const webhooks = new Hono<{ Bindings: Env }>().post("/github", async (c) => {
  const source = c.req.header("cf-connecting-ip") ?? "local";
  const wait = limiter.retryAfter(source);
  if (wait > 0) {
    c.header("retry-after", String(wait));
    return apiError(c, 429, "too_many_signature_failures", `too many requests with a bad signature from this source; retry in ${wait}s`);
  }
  const body = await readLimitedBody(c.req.raw);
  if (!body.ok) return apiError(c, 413, "payload_too_large", "webhook body exceeds GitHub's 25 MB limit");
  const text = new TextDecoder().decode(body.bytes);

  const signature = await verifySignature(text, c.req.header("x-hub-signature-256") ?? null, {
    current: c.env.GITHUB_WEBHOOK_SECRET,
    previous: c.env.GITHUB_WEBHOOK_SECRET_PREVIOUS || undefined,
  });
  if (!signature.ok) {
    limiter.recordFailure(source);
    return apiError(c, 401, "invalid_signature", signature.reason);
  }

  const event = c.req.header("x-github-event");
  const id = c.req.header("x-github-delivery");
  if (!event || !eventName.test(event)) return apiError(c, 400, "missing_event", "X-GitHub-Event header is missing or malformed");
  if (!id || !deliveryId.test(id)) return apiError(c, 400, "missing_delivery", "X-GitHub-Delivery header is missing or malformed");

  const parsed = parseWebhookBody(c.req.header("content-type") ?? null, text);
  if (!parsed.ok) {
    const outcome = await recordDelivery(c.env.DB, {
      id, event, action: null, installationId: null, repositoryFullName: null,
      status: "rejected", error: parsed.reason, signedWith: signature.signedWith, body: text,
    });
    if (!outcome.inserted) return c.json({ ok: true, duplicate: true, status: outcome.existing.status }, 200);
    c.executionCtx.waitUntil(publishActivity(c.env, { type: "delivery.rejected", deliveryId: id, summary: `${event} rejected: ${parsed.reason}` }));
    return apiError(c, 400, "invalid_payload", parsed.reason, { deliveryId: id });
  }

  const payload = parsed.payload;
  const action = typeof payload.action === "string" ? payload.action.slice(0, 64) : null;
  const installation = payload.installation as { id?: unknown } | undefined;
  const repository = payload.repository as { full_name?: unknown } | undefined;
  const handled = handledEvents.has(event);
  const status = event === "ping" ? "processed" : handled ? "queued" : "ignored";
  const record = {
    id, event, action,
    installationId: typeof installation?.id === "number" ? installation.id : null,
    repositoryFullName: typeof repository?.full_name === "string" ? repository.full_name.slice(0, 200) : null,
    // The JSON itself is stored (for form bodies, the decoded `payload` field).
    signedWith: signature.signedWith, body: parsed.json, receivedAt: new Date().toISOString(),
  };

  // The common case: the whole delivery goes into the queue (durable once send() resolves) and the
  // consumer stores it in D1 — acknowledging never waits on D1, the slowest hop. A redelivery is
  // acknowledged the same way; the consumer's first-write-wins insert makes it change nothing.
  // UTF-8 never has fewer bytes than UTF-16 code units: a longer string cannot fit, so it is not encoded to find out.
  if (handled && event !== "ping" && parsed.json.length <= INLINE_PAYLOAD_BYTES && new TextEncoder().encode(parsed.json).byteLength <= INLINE_PAYLOAD_BYTES) {
    try {
      const { id: _id, ...inline } = record;
      await c.env.WEBHOOK_QUEUE.send({ deliveryId: id, record: inline });
      return c.json({ ok: true, deliveryId: id, status: "queued" }, 202);
    } catch (error) {
      // Queue unavailable: store it in D1 instead; the cron sweep enqueues it later.
      log("error", "enqueue failed, storing the delivery for the sweep", { deliveryId: id, error: String(error) });
      const outcome = await recordDelivery(c.env.DB, { ...record, status: "received", error: `enqueue failed: ${String(error)}` });
      if (!outcome.inserted) return c.json({ ok: true, duplicate: true, deliveryId: id, status: outcome.existing.status }, 200);
      c.executionCtx.waitUntil(retryEnqueue(c.env, id));
      return c.json({ ok: true, deliveryId: id, status: "received" }, 202);
    }
  }

  const outcome = await recordDelivery(c.env.DB, { ...record, status });
  if (!outcome.inserted) {
    // A redelivery is acknowledged and changes nothing — unless the first enqueue never happened.
    if (outcome.existing.status === "received") await enqueue(c.env, id, true);
    return c.json({ ok: true, duplicate: true, deliveryId: id, status: outcome.existing.status }, 200);
  }
  if (event === "ping") return c.json({ ok: true, deliveryId: id, zen: typeof payload.zen === "string" ? payload.zen : null }, 200);
  if (!handled) {
    c.executionCtx.waitUntil(publishActivity(c.env, { type: "delivery.ignored", deliveryId: id, summary: `${event} ignored (not handled)` }));
    return c.json({ ok: true, deliveryId: id, status: "ignored", reason: `event "${event}" is not handled` }, 202);
  }
  // Too big for a queue message: stored durably in D1 already, so the ack need not wait for the
  // queue. If the send fails, the row goes back to "received" and the cron sweep (or a redelivery) enqueues it again.
  c.executionCtx.waitUntil(enqueue(c.env, id, false));
  return c.json({ ok: true, deliveryId: id, status: "queued" }, 202);
});

// A send that failed under load (the local queue answers "Unknown Internal Error" now and then)
// usually succeeds a moment later; the cron sweep stays the net for longer outages.
const RETRY_ENQUEUE_MS = [500, 2_000, 8_000];

/** After a failed send at ack time: a few more tries in the background, then the sweep's turn. */
async function retryEnqueue(env: Env, id: string): Promise<void> {
  for (const delay of RETRY_ENQUEUE_MS) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    if (await enqueue(env, id, true)) return;
  }
}

/** Hands the delivery to the queue; on failure the row stays `received` and a redelivery or replay re-enqueues it. */
async function enqueue(env: Env, id: string, wasReceived: boolean): Promise<boolean> {
  try {
    await env.WEBHOOK_QUEUE.send({ deliveryId: id });
    // Conditional: the consumer may already have claimed it.
    if (wasReceived) {
      await openDb(env.DB).update(deliveries).set({ status: "queued", error: null })
        .where(and(eq(deliveries.id, id), eq(deliveries.status, "received"))).run();
    }
    return true;
  } catch (error) {
    log("error", "enqueue failed", { deliveryId: id, error: String(error) });
    await openDb(env.DB).update(deliveries).set({ status: "received", error: `enqueue failed: ${String(error)}` }).where(eq(deliveries.id, id)).run();
    return false;
  }
}
