import { relaySocketAsSse } from "../../event-log";
import type { Env } from "../../env";

/**
 * A room's live events as SSE. By default the Worker relays them from a hibernatable WebSocket to
 * the room (the room can sleep between events); SSE_FANOUT=object has the room hold the SSE streams.
 */
export function serveRoomStream(env: Env, room: { fetch(request: Request): Promise<Response> }, request: Request): Promise<Response> {
  return env.SSE_FANOUT === "object" ? room.fetch(request) : relaySocketAsSse(room, request);
}
