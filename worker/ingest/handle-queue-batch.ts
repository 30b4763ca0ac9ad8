import { log } from "../log";
import { z } from "zod";
import type { Env, QueuedDelivery, WebhookMessage } from "../env";
import { publishActivity } from "../activity-feed/publish-activity";
import { markDeadLettered, processDeliveries } from "./process-deliveries";
import { deliveryInsertStatements } from "./record-delivery";

// Typed against QueuedDelivery, which the webhook route sends: the two cannot drift apart.
const recordSchema: z.ZodType<QueuedDelivery> = z.object({
  event: z.string().min(1).max(64),
  action: z.string().max(64).nullable(),
  installationId: z.number().int().nullable(),
  repositoryFullName: z.string().max(200).nullable(),
  signedWith: z.enum(["current", "previous"]),
  receivedAt: z.string().max(40),
  body: z.string(),
});
const messageSchema = z.object({ deliveryId: z.string().min(1).max(128), record: recordSchema.optional() });
const MAX_DELAY_SECONDS = 15 * 60;

/** Queue consumer for the webhook queue and its dead-letter queue; acks or retries each message alone. */
export async function handleQueueBatch(batch: MessageBatch<WebhookMessage>, env: Env): Promise<void> {
  const valid: { message: Message<WebhookMessage>; deliveryId: string; record?: QueuedDelivery }[] = [];
  for (const message of batch.messages) {
    const parsed = messageSchema.safeParse(message.body);
    if (parsed.success) valid.push({ message, deliveryId: parsed.data.deliveryId, ...(parsed.data.record ? { record: parsed.data.record } : {}) });
    else {
      log("warn", "malformed queue message dropped", { queue: batch.queue, messageId: message.id });
      message.ack();
    }
  }
  // Deliveries that travelled whole are stored first (one round trip for the batch; first write
  // wins, so a redelivery or a repeated message changes nothing). Until that succeeds, nothing is acked.
  const inline = valid.filter((v) => v.record);
  if (inline.length) {
    try {
      await env.DB.batch(inline.flatMap(({ deliveryId, record }) => deliveryInsertStatements(env.DB, { id: deliveryId, status: "queued", ...record! })));
    } catch (error) {
      log("warn", "storing queued deliveries failed, will retry", { queue: batch.queue, count: inline.length, error: String(error) });
      for (const { message } of valid) message.retry({ delaySeconds: retryDelay(env, message.attempts) });
      return;
    }
  }
  if (batch.queue.endsWith("-dlq")) {
    await markDeadLettered(env, valid.map((v) => v.deliveryId), "retries exhausted: moved to the dead-letter queue");
    await publishActivity(env, valid.map(({ deliveryId }) => ({ type: "delivery.dead_lettered", deliveryId, summary: `delivery ${deliveryId} dead-lettered` })));
    for (const { message } of valid) message.ack();
    return;
  }
  const outcomes = await processDeliveries(env, [...new Set(valid.map((v) => v.deliveryId))]);
  const activity = [];
  for (const { message, deliveryId } of valid) {
    const outcome = outcomes.get(deliveryId) ?? { kind: "retry", error: "no outcome recorded" };
    if (outcome.kind === "retry") {
      log("warn", "delivery processing failed, will retry", { deliveryId, attempt: message.attempts, error: outcome.error });
      message.retry({ delaySeconds: retryDelay(env, message.attempts) });
      continue;
    }
    if (outcome.kind === "processed") {
      activity.push({ type: "delivery.processed", deliveryId, summary: `${outcome.event} processed, ${outcome.runs} run(s) started` });
    } else if (outcome.kind === "failed") {
      activity.push({ type: "delivery.failed", deliveryId, summary: outcome.error });
    }
    message.ack();
  }
  await publishActivity(env, activity);
}

/** Exponential backoff from QUEUE_RETRY_BASE_SECONDS, capped at 15 minutes. */
function retryDelay(env: Env, attempts: number): number {
  const base = Number(env.QUEUE_RETRY_BASE_SECONDS ?? "5");
  return Math.min(MAX_DELAY_SECONDS, Math.round(base * 2 ** (attempts - 1)));
}
