// A Durable Object's append-only event log in its SQLite, fanned out to viewers.
// Viewers that reconnect with Last-Event-ID get exactly what they missed, from the log.
import { createSseWriter, SSE_PING_MS, ssePing, type SseWriter } from "./create-sse-writer";

export { relaySocketAsSse } from "./relay-socket-as-sse";
export { closeSocket, hibernatableSockets } from "./hibernatable-sockets";

export type LoggedEvent = { seq: number; type: string; at: string; data: Record<string, unknown> };

/**
 * The Durable Object's hibernatable WebSockets (`ctx.acceptWebSocket` / `ctx.getWebSockets`): the
 * runtime keeps them open while the object sleeps, so an idle room costs nothing between events.
 */
export type HibernatableSockets = { accept(socket: WebSocket): void; all(): WebSocket[] };

const MAX_MESSAGE_CHARS = 256 * 1024;

export class EventLog {
  private readonly viewers = new Set<SseWriter>();
  private heartbeat: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly sql: SqlStorage,
    private readonly retain = 5_000,
    private readonly sockets?: HibernatableSockets,
  ) {
    sql.exec(`CREATE TABLE IF NOT EXISTS event_log (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, type TEXT NOT NULL, at TEXT NOT NULL, data TEXT NOT NULL)`);
  }

  /** Appends and broadcasts; returns the stored event (its seq is the SSE id). */
  append(type: string, data: Record<string, unknown>): LoggedEvent {
    const at = new Date().toISOString();
    const row = this.sql
      .exec<{ seq: number }>(`INSERT INTO event_log (type, at, data) VALUES (?, ?, ?) RETURNING seq`, type, at, JSON.stringify(data))
      .one();
    // Bounded: old events are trimmed, a viewer that far behind gets the tail.
    if (row.seq % 500 === 0) this.sql.exec(`DELETE FROM event_log WHERE seq <= ?`, row.seq - this.retain);
    const event = { seq: row.seq, type, at, data };
    this.broadcast(formatSse(event));
    return event;
  }

  since(afterSeq: number, filter?: (e: LoggedEvent) => boolean, limit = 1_000): LoggedEvent[] {
    const rows = this.sql
      .exec<{ seq: number; type: string; at: string; data: string }>(
        `SELECT seq, type, at, data FROM event_log WHERE seq > ? ORDER BY seq LIMIT ?`, afterSeq, limit)
      .toArray();
    const events = rows.map((r) => ({ seq: r.seq, type: r.type, at: r.at, data: JSON.parse(r.data) as Record<string, unknown> }));
    return filter ? events.filter(filter) : events;
  }

  /**
   * Replays the events after Last-Event-ID, then streams live ones: as SSE held by this object, or,
   * for a WebSocket upgrade (the Worker relaying SSE, see relaySocketAsSse), over a hibernatable socket.
   */
  stream(request: Request): Response {
    const header = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("lastEventId") ?? "0";
    const lastEventId = Number.isFinite(Number(header)) ? Number(header) : 0;
    const opening = `retry: 2000\n: connected\n\n${this.since(lastEventId).map(formatSse).join("")}`;
    if (this.sockets && request.headers.get("upgrade")?.toLowerCase() === "websocket") {
      const { 0: client, 1: server } = new WebSocketPair();
      this.sockets.accept(server);
      // A WebSocket message is limited to 1 MiB: a long backlog goes in several.
      for (const message of toMessages(opening)) server.send(message);
      return new Response(null, { status: 101, webSocket: client });
    }
    const viewer = createSseWriter(() => this.drop(viewer));
    this.viewers.add(viewer);
    viewer.write(opening);
    this.ensureHeartbeat();
    request.signal?.addEventListener("abort", () => viewer.close());
    return viewer.response;
  }

  get viewerCount(): number {
    return this.viewers.size + (this.sockets?.all().length ?? 0);
  }

  private broadcast(chunk: string): void {
    for (const viewer of this.viewers) viewer.write(chunk);
    const sockets = this.sockets?.all() ?? [];
    if (!sockets.length) return;
    const messages = toMessages(chunk);
    for (const socket of sockets) {
      try {
        for (const message of messages) socket.send(message);
      } catch {
        // Closing or closed: the runtime drops it from getWebSockets() on its own.
      }
    }
  }

  private drop(viewer: SseWriter): void {
    this.viewers.delete(viewer);
    if (this.viewers.size === 0 && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = undefined;
    }
  }

  private ensureHeartbeat(): void {
    this.heartbeat ??= setInterval(() => this.broadcast(ssePing()), SSE_PING_MS);
  }
}

/**
 * Text cut into WebSocket messages of at most `max` UTF-16 units (≤ 3 bytes each in UTF-8, so under
 * the 1 MiB message limit), never inside a surrogate pair. The relay writes them back to back, so SSE
 * frames need not line up with messages.
 */
function toMessages(text: string, max = MAX_MESSAGE_CHARS): string[] {
  if (text.length <= max) return [text];
  const messages: string[] = [];
  for (let start = 0; start < text.length; ) {
    let end = Math.min(text.length, start + max);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    messages.push(text.slice(start, end));
    start = end;
  }
  return messages;
}

export function formatSse(event: LoggedEvent): string {
  return `id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify({ seq: event.seq, type: event.type, at: event.at, ...event.data })}\n\n`;
}
