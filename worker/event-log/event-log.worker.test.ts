import { env, runInDurableObject, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { EventLog, hibernatableSockets } from ".";
import { waitFor } from "../../test/worker/helpers";

/** A viewer's side of the stream: `until(n)` reads until it holds n events (or the stream ends). */
function sseReader(body: ReadableStream<Uint8Array>) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  const seqs: number[] = [];
  let text = "";
  return {
    seqs,
    async until(count: number) {
      while (seqs.length < count) {
        const { value, done } = await reader.read();
        if (done) break;
        text += value;
        let end: number;
        while ((end = text.indexOf("\n\n")) >= 0) {
          const id = /^id: (\d+)$/m.exec(text.slice(0, end));
          if (id) seqs.push(Number(id[1]));
          text = text.slice(end + 2);
        }
      }
      return seqs;
    },
    cancel: () => reader.cancel().catch(() => {}),
  };
}

async function readSeqs(body: ReadableStream<Uint8Array>, count: number): Promise<number[]> {
  const viewer = sseReader(body);
  await viewer.until(count);
  await viewer.cancel();
  return viewer.seqs;
}

// Each test gets its own object, so its own event_log table.
const room = (name: string) => env.PR_ROOM.get(env.PR_ROOM.idFromName(`event-log-test:${name}`));

describe("EventLog", () => {
  it("sends every event, in order, to a viewer while a burst is still being appended", async () => {
    await runInDurableObject(room("burst"), async (_instance, state) => {
      const log = new EventLog(state.storage.sql);
      const response = log.stream(new Request("https://room/stream"));
      // 300 events with no await between them: they queue behind the first write and go out together.
      for (let i = 0; i < 300; i++) log.append("node.progress", { i });
      const seqs = await readSeqs(response.body!, 300);
      expect(seqs).toHaveLength(300);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(300);
    });
  });

  it("cuts off a viewer that stops reading once it is far behind, and keeps serving the others", async () => {
    await runInDurableObject(room("stalled"), async (_instance, state) => {
      const log = new EventLog(state.storage.sql);
      const stalled = log.stream(new Request("https://room/stream"));
      const reading = log.stream(new Request("https://room/stream"));
      expect(log.viewerCount).toBe(2);
      const viewer = sseReader(reading.body!);
      // 2.4 MB of events in rounds of 240 KB: the reading viewer keeps up, the stalled one never reads.
      for (let round = 1; round <= 10; round++) {
        for (let i = 0; i < 40; i++) log.append("node.progress", { blob: "x".repeat(6_000), i });
        await viewer.until(round * 40);
      }
      expect(viewer.seqs).toHaveLength(400);
      expect(log.viewerCount).toBe(1);
      await viewer.cancel();
      // The cut-off viewer's stream ends; it would reconnect with Last-Event-ID and replay from the log.
      const reader = stalled.body!.getReader();
      let done = false;
      while (!done) done = (await reader.read()).done;
      expect(done).toBe(true);
    });
  });

  it("replays exactly the events after Last-Event-ID before streaming live ones", async () => {
    await runInDurableObject(room("resume"), async (_instance, state) => {
      const log = new EventLog(state.storage.sql);
      const first = [1, 2, 3, 4, 5].map((i) => log.append("node.progress", { i }).seq);
      const resumed = log.stream(new Request("https://room/stream", { headers: { "last-event-id": String(first[2]) } }));
      const live = log.append("run.finished", {}).seq;
      expect(await readSeqs(resumed.body!, 3)).toEqual([first[3], first[4], live]);
    });
  });
});

describe("hibernatable fan-out (the default)", () => {
  it("sends a backlog and an event bigger than a WebSocket message (1 MiB) whole, in order", async () => {
    await runInDurableObject(room("big"), async (_instance, state) => {
      const log = new EventLog(state.storage.sql, 5_000, hibernatableSockets(state));
      // 600 events of ~4 KB: a 2.4 MB backlog; "é" and "😀" so that cuts fall among multi-byte characters.
      for (let i = 0; i < 600; i++) log.append("node.progress", { i, text: "é😀".repeat(1_300) });
      const response = log.stream(new Request("https://room/stream", { headers: { upgrade: "websocket" } }));
      expect(response.status).toBe(101);
      const socket = response.webSocket!;
      socket.accept();
      let text = "";
      socket.addEventListener("message", (event) => (text += event.data as string));
      const huge = log.append("run.finished", { memo: "x".repeat(1_500_000) });
      const frames = () => text.split("\n\n").filter((f) => f.startsWith("id: "));
      await waitFor(async () => (frames().length >= 601 ? true : undefined), "601 SSE frames over the socket", 10_000);
      const parsed = frames().map((f) => JSON.parse(f.split("\n").find((l) => l.startsWith("data: "))!.slice(6)) as { seq: number; text?: string; memo?: string });
      expect(parsed.map((e) => e.seq)).toEqual([...parsed.map((e) => e.seq)].sort((a, b) => a - b));
      expect(parsed.slice(0, 600).every((e) => e.text === "é😀".repeat(1_300))).toBe(true);
      expect(parsed.at(-1)).toMatchObject({ seq: huge.seq });
      expect(parsed.at(-1)!.memo).toHaveLength(1_500_000);
      socket.close(1000);
    });
  });

  it("relays the room's events as SSE from one WebSocket per viewer, and closes it when the viewer leaves", async () => {
    const feed = env.ACTIVITY.get(env.ACTIVITY.idFromName("global"));
    const sockets = () => runInDurableObject(feed, (_instance, state) => state.getWebSockets().length);
    const before = await sockets();
    const response = await SELF.fetch("https://fixforward.test/stream", { headers: { "last-event-id": "999999999" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
    expect(await sockets()).toBe(before + 1);
    const viewer = sseReader(response.body!);
    const published = await feed.publish([{ type: "delivery.received", summary: "one" }, { type: "delivery.processed", summary: "two" }]);
    expect(published).toBe(2);
    expect(await viewer.until(2)).toHaveLength(2);
    await viewer.cancel();
    // A viewer that left is noticed at the next write to it: the next event, or the 15 s ping.
    await feed.publish([{ type: "delivery.received", summary: "three" }]);
    await waitFor(async () => ((await sockets()) === before ? true : undefined), "the room to let go of the viewer's socket", 5_000);
  });
});
