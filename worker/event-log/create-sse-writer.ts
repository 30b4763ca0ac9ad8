// One SSE connection's writing end, shared by the Durable Object (streams it holds) and the Worker
// (streams it relays from a hibernatable WebSocket).

// A viewer this far behind is cut off; its EventSource reconnects with Last-Event-ID and replays from the log.
const MAX_PENDING_CHARS = 1_000_000;
const encoder = new TextEncoder();

/** How often an idle SSE stream gets a comment line, so proxies and browsers keep it open. */
export const SSE_PING_MS = 15_000;
export const ssePing = () => `: ping ${Date.now()}\n\n`;

const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
} as const;

export type SseWriter = {
  /** Queues text for the viewer; false once the viewer is gone (disconnected or cut off). */
  write(text: string): boolean;
  close(): void;
  readonly response: Response;
};

/**
 * A native byte stream (the runtime hands written bytes to the connection without a JavaScript pump
 * per chunk, which is most of what fanning one event out to a thousand viewers costs) with at most
 * one write in flight: what arrives meanwhile goes out as one chunk after it.
 */
export function createSseWriter(onGone: () => void, maxPendingChars = MAX_PENDING_CHARS): SseWriter {
  const { readable, writable } = new IdentityTransformStream();
  const writer = writable.getWriter();
  let writing = false;
  let pending = "";
  let gone = false;

  const close = () => {
    if (gone) return;
    gone = true;
    pending = "";
    writer.close().catch(() => {});
    onGone();
  };

  const write = (text: string): boolean => {
    if (gone) return false;
    if (writing) {
      pending += text;
      if (pending.length > maxPendingChars) close();
      return !gone;
    }
    writing = true;
    writer.write(encoder.encode(text)).then(
      () => {
        writing = false;
        const next = pending;
        pending = "";
        if (next) write(next);
      },
      // A disconnected viewer makes write() reject.
      close,
    );
    return true;
  };

  return { write, close, response: new Response(readable, { headers: SSE_HEADERS }) };
}
