import { log } from "../log";
import type { Env } from "../env";
import type { ActivityEvent } from ".";

/** Best effort: activity is for watching, never a reason to fail the work it reports on. */
export async function publishActivity(env: Env, events: ActivityEvent | ActivityEvent[]): Promise<void> {
  const list = Array.isArray(events) ? events : [events];
  if (list.length === 0) return;
  try {
    await env.ACTIVITY.get(env.ACTIVITY.idFromName("global")).publish(list);
  } catch (error) {
    log("warn", "activity publish failed", { types: list.map((e) => e.type).join(","), error: String(error) });
  }
}
