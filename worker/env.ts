import type { ActivityFeed } from "./activity-feed";
import type { PrRoom } from "./pr-room";

/**
 * Queue message. A delivery that fits a queue message travels whole (`record`) and is stored in D1
 * by the consumer, so acknowledging GitHub never waits on D1; a bigger one is stored in D1 first and
 * only its id is sent.
 */
export type WebhookMessage = { deliveryId: string; record?: QueuedDelivery };
export type QueuedDelivery = {
  event: string;
  action: string | null;
  installationId: number | null;
  repositoryFullName: string | null;
  signedWith: "current" | "previous";
  receivedAt: string;
  body: string;
};

/** Bindings and vars of the Worker (wrangler.toml, .dev.vars, secrets). */
export interface Env {
  DB: D1Database;
  WEBHOOK_QUEUE: Queue<WebhookMessage>;
  PR_ROOM: DurableObjectNamespace<PrRoom>;
  ACTIVITY: DurableObjectNamespace<ActivityFeed>;
  GITHUB_WEBHOOK_SECRET: string;
  GITHUB_WEBHOOK_SECRET_PREVIOUS?: string;
  GITHUB_TOKEN?: string;
  GITHUB_APP_ID?: string;
  GITHUB_APP_PRIVATE_KEY?: string;
  GITHUB_API_URL?: string;
  DRY_RUN?: string;
  PROMETHEUS_URL?: string;
  PROMETHEUS_BEARER_TOKEN?: string;
  LLM_BASE_URL?: string;
  LLM_API_KEY?: string;
  LLM_MODEL?: string;
  /** "true" when deployed: POST endpoints (other than webhooks) need a bearer token from `api_tokens`. */
  REQUIRE_API_TOKEN?: string;
  /** "object": the room holds viewers' SSE streams itself; otherwise (default) the Worker relays them from hibernatable WebSockets. */
  SSE_FANOUT?: string;
  /** "true" when started by `npm start`: enables local-only endpoints such as delivery replay. */
  LOCAL_MODE?: string;
  /** Base of the exponential retry delay of the webhook queue, in seconds (tests use 0). */
  QUEUE_RETRY_BASE_SECONDS?: string;
  /** Tests only: deliveries whose id starts with this prefix fail transiently in the consumer. */
  FAULT_INJECT_DELIVERY_PREFIX?: string;
  /** Tests only: deliveries with this prefix fail transiently at random, with FAULT_INJECT_RANDOM_RATE per attempt. */
  FAULT_INJECT_RANDOM_PREFIX?: string;
  FAULT_INJECT_RANDOM_RATE?: string;
}
