// A Durable Object's append-only event log in its SQLite, fanned out over SSE.
// Viewers that reconnect with Last-Event-ID get exactly what they missed, from the log.

export type LoggedEvent = { seq: number; type: string; at: string; data: Record<string, unknown> };

const HEARTBEAT_MS = 15_000;
// A viewer this far behind is cut off; its EventSource reconnects with Last-Event-ID and replays from the log.
const MAX_PENDING_CHARS = 1_000_000;
const encoder = new TextEncoder();

/** One SSE connection: at most one write in flight; what arrives meanwhile is sent as one chunk after it. */
type Viewer = { writer: WritableStreamDefaultWriter<ArrayBuffer | ArrayBufferView>; writing: boolean; pending: string };

export class EventLog {
  private readonly viewers = new Set<Viewer>();
  private heartbeat: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly sql: SqlStorage,
    private readonly retain = 5_000,
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

  /** An SSE response that first replays events after `lastEventId`, then streams live ones. */
  stream(request: Request): Response {
    const lastEventId = Number(request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("lastEventId") ?? "0");
    // A native byte stream: the runtime hands written bytes to the connection without a JavaScript
    // pump per chunk, which is what fanning one event out to a thousand viewers costs most.
    const { readable, writable } = new IdentityTransformStream();
    const viewer: Viewer = { writer: writable.getWriter(), writing: false, pending: "" };
    const backlog = this.since(Number.isFinite(lastEventId) ? lastEventId : 0);
    this.viewers.add(viewer);
    this.write(viewer, `retry: 2000\n: connected\n\n${backlog.map(formatSse).join("")}`);
    this.ensureHeartbeat();
    request.signal?.addEventListener("abort", () => this.drop(viewer));
    return new Response(readable, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        "x-accel-buffering": "no",
      },
    });
  }

  get viewerCount(): number {
    return this.viewers.size;
  }

  private broadcast(chunk: string): void {
    for (const viewer of this.viewers) this.write(viewer, chunk);
  }

  private write(viewer: Viewer, chunk: string): void {
    if (viewer.writing) {
      viewer.pending += chunk;
      if (viewer.pending.length > MAX_PENDING_CHARS) this.drop(viewer);
      return;
    }
    viewer.writing = true;
    viewer.writer.write(encoder.encode(chunk)).then(
      () => {
        viewer.writing = false;
        const next = viewer.pending;
        viewer.pending = "";
        if (next && this.viewers.has(viewer)) this.write(viewer, next);
      },
      // A disconnected viewer makes write() reject: forget it instead of failing the run.
      () => this.drop(viewer),
    );
  }

  private drop(viewer: Viewer): void {
    if (!this.viewers.delete(viewer)) return;
    viewer.writer.close().catch(() => {});
    if (this.viewers.size === 0 && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = undefined;
    }
  }

  private ensureHeartbeat(): void {
    this.heartbeat ??= setInterval(() => this.broadcast(`: ping ${Date.now()}\n\n`), HEARTBEAT_MS);
  }
}

export function formatSse(event: LoggedEvent): string {
  return `id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify({ seq: event.seq, type: event.type, at: event.at, ...event.data })}\n\n`;
}
