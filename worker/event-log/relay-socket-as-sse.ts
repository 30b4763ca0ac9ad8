// The Worker's half of hibernatable fan-out: one WebSocket to the room per viewer, relayed as SSE.
// The room then holds no streams of its own and can sleep between events; the Worker instances that
// hold the viewers' connections are spread wherever the viewers are.
import { createSseWriter, SSE_PING_MS, ssePing } from "./create-sse-writer";

/** `room`: a Durable Object stub (or anything that answers a WebSocket upgrade like EventLog.stream). */
export async function relaySocketAsSse(room: { fetch(request: Request): Promise<Response> }, request: Request): Promise<Response> {
  const headers = new Headers({ upgrade: "websocket" });
  const lastEventId = request.headers.get("last-event-id");
  if (lastEventId) headers.set("last-event-id", lastEventId);
  const upstream = await room.fetch(new Request(request.url, { headers }));
  const socket = upstream.webSocket;
  if (!socket) return new Response(upstream.body, { status: upstream.status === 101 ? 502 : upstream.status, headers: upstream.headers });
  socket.accept();
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const viewer = createSseWriter(() => {
    clearInterval(heartbeat);
    try {
      socket.close(1000, "viewer gone");
    } catch {
      // already closed
    }
  });
  socket.addEventListener("message", (event) => {
    viewer.write(typeof event.data === "string" ? event.data : new TextDecoder().decode(event.data as ArrayBuffer));
  });
  // The room went away (evicted, redeployed): end the stream; EventSource reconnects with Last-Event-ID.
  socket.addEventListener("close", () => viewer.close());
  socket.addEventListener("error", () => viewer.close());
  heartbeat = setInterval(() => viewer.write(ssePing()), SSE_PING_MS);
  request.signal?.addEventListener("abort", () => viewer.close());
  return viewer.response;
}
