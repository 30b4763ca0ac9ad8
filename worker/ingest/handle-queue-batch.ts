import { log } from "../log";
import { z } from "zod";
import type { Env, WebhookMessage } from "../env";
import { publishActivity } from "../activity-feed/publish-activity";
import { markDeadLettered, processDeliveries } from "./process-deliveries";

const messageSchema = z.object({ deliveryId: z.string().min(1).max(128) });
const MAX_DELAY_SECONDS = 15 * 60;

/** Queue consumer for the webhook queue and its dead-letter queue; acks or retries each message alone. */
export async function handleQueueBatch(batch: MessageBatch<WebhookMessage>, env: Env): Promise<void> {
  const valid: { message: Message<WebhookMessage>; deliveryId: string }[] = [];
  for (const message of batch.messages) {
    const parsed = messageSchema.safeParse(message.body);
    if (parsed.success) valid.push({ message, deliveryId: parsed.data.deliveryId });
    else {
      log("warn", "malformed queue message dropped", { queue: batch.queue, messageId: message.id });
      message.ack();
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
      const base = Number(env.QUEUE_RETRY_BASE_SECONDS ?? "5");
      message.retry({ delaySeconds: Math.min(MAX_DELAY_SECONDS, Math.round(base * 2 ** (message.attempts - 1))) });
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
