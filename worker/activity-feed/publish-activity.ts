import type { Env } from "../env";
import type { ActivityEvent } from ".";

/** Best effort: activity is for watching, never a reason to fail the work it reports on. */
export async function publishActivity(env: Env, event: ActivityEvent): Promise<void> {
  try {
    await env.ACTIVITY.get(env.ACTIVITY.idFromName("global")).publish(event);
  } catch (error) {
    console.error(JSON.stringify({ msg: "fixforward: activity publish failed", type: event.type, error: String(error) }));
  }
}
