import { z } from "zod";
import type { Env, WebhookMessage } from "../env";
import { publishActivity } from "../activity-feed/publish-activity";
import { isPermanent, markDelivery, processDelivery } from "./process-delivery";

const messageSchema = z.object({ deliveryId: z.string().min(1).max(128) });
const MAX_DELAY_SECONDS = 15 * 60;

/** Queue consumer for the webhook queue and its dead-letter queue; acks or retries each message alone. */
export async function handleQueueBatch(batch: MessageBatch<WebhookMessage>, env: Env): Promise<void> {
  const deadLetter = batch.queue.endsWith("-dlq");
  for (const message of batch.messages) {
    const parsed = messageSchema.safeParse(message.body);
    if (!parsed.success) {
      console.error(JSON.stringify({ msg: "fixforward: malformed queue message dropped", queue: batch.queue, id: message.id }));
      message.ack();
      continue;
    }
    const { deliveryId } = parsed.data;
    if (deadLetter) {
      await markDelivery(env, deliveryId, "dead_lettered", `retries exhausted after ${message.attempts} attempt(s) on the dead-letter queue`);
      await publishActivity(env, { type: "delivery.dead_lettered", deliveryId, summary: `delivery ${deliveryId} dead-lettered` });
      message.ack();
      continue;
    }
    try {
      const outcome = await processDelivery(env, deliveryId);
      if (outcome.kind === "processed") {
        await publishActivity(env, { type: "delivery.processed", deliveryId, summary: `delivery processed, ${outcome.runs} run(s) started` });
      }
      message.ack();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (isPermanent(error)) {
        await markDelivery(env, deliveryId, "failed", reason);
        await publishActivity(env, { type: "delivery.failed", deliveryId, summary: reason });
        message.ack();
        continue;
      }
      console.error(JSON.stringify({ msg: "fixforward: delivery processing failed, will retry", deliveryId, attempt: message.attempts, error: reason }));
      // Back to "queued" with the reason, so GET /deliveries shows it is being retried.
      await markDelivery(env, deliveryId, "queued", `attempt ${message.attempts} failed: ${reason}`).catch(() => {});
      const base = Number(env.QUEUE_RETRY_BASE_SECONDS ?? "5");
      const delaySeconds = Math.min(MAX_DELAY_SECONDS, Math.round(base * 2 ** (message.attempts - 1)));
      message.retry({ delaySeconds });
    }
  }
}
