import type { Env as WorkerEnv } from "../../worker/env";

// `env` from cloudflare:test / cloudflare:workers is typed as Cloudflare.Env.
declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}
export {};
