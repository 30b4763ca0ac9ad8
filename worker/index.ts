// Worker entry: wiring only.
import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";
import { AsyncLocalStorage } from "node:async_hooks";
import { createApp } from "./api";
import type { Env, WebhookMessage } from "./env";
import { handleQueueBatch } from "./ingest/handle-queue-batch";
import { requeueStranded } from "./ingest/requeue-stranded";

// LangGraph's browser build (picked by the bundler) never installs AsyncLocalStorage; interrupt() needs it.
AsyncLocalStorageProviderSingleton.initializeGlobalInstance(new AsyncLocalStorage());

export { ActivityFeed } from "./activity-feed";
export { PrRoom } from "./pr-room";

const app = createApp();

export default {
  fetch: app.fetch,
  queue: (batch, env) => handleQueueBatch(batch, env),
  scheduled: async (_controller, env) => {
    await requeueStranded(env);
  },
} satisfies ExportedHandler<Env, WebhookMessage>;
