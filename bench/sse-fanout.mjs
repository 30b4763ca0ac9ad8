#!/usr/bin/env node
// bench/sse-fanout: N concurrent viewers of one PR's SSE stream (default 1,000); for every run event,
// the time from the Durable Object appending it to the LAST viewer receiving it. Also workerd's RSS
// before and after the viewers connect. Prints figures; asserts nothing.
import { execSync } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { connect } from "node:net";
import { startDevWorker } from "./_dev-worker.mjs";
import { readSse } from "./_sse.mjs";

const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 1000);
const require = createRequire(import.meta.url);
const examples = require("@octokit/webhooks-examples");

const workerdRss = () => {
  try {
    return execSync("ps -C workerd -o rss=", { encoding: "utf8" }).split("\n").filter(Boolean).reduce((s, kb) => s + Number(kb), 0) / 1024;
  } catch {
    return NaN;
  }
};

// BENCH_SSE_FANOUT=object: the room holds the SSE streams; default: hibernatable WebSockets relayed by the Worker.
const fanout = process.env.BENCH_SSE_FANOUT === "object" ? "object" : "hibernatable";
const dev = await startDevWorker({ vars: fanout === "object" ? { SSE_FANOUT: "object" } : {} });
console.log(`fan-out: ${fanout === "object" ? "SSE streams held by the Durable Object" : "hibernatable WebSockets, SSE relayed by the Worker"}`);
const { stop } = dev;
// Viewers connect to the Worker's own workerd, as in production, where there is no dev proxy;
// BENCH_VIA_PROXY=1 sends everything through wrangler dev's proxy Worker instead.
const url = await dev.benchUrl();
console.log(`viewers connect to ${dev.viaProxy ? "wrangler dev's proxy" : "the Worker's own workerd (no dev proxy in front, as deployed)"}`);
try {
  const payload = structuredClone(examples.find((e) => e.name === "pull_request").examples.find((p) => p.action === "opened" && !p.pull_request.draft));
  const body = JSON.stringify(payload);
  await fetch(`${url}/webhooks/github`, { method: "POST", body, headers: { "content-type": "application/json", "x-github-event": "pull_request", "x-github-delivery": randomUUID(), "x-hub-signature-256": `sha256=${createHmac("sha256", "development-secret").update(body).digest("hex")}` } });
  let prId;
  for (let i = 0; i < 100 && !prId; i++) {
    prId = (await (await fetch(`${url}/prs`)).json()).pullRequests[0]?.id;
    if (!prId) await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 1500)); // let the first run finish
  const rssBefore = workerdRss();

  // One full SSE reader learns each event's `at` and type; the other viewers are raw sockets that
  // only note when each `id:` arrives, so that the benchmark's own parsing (it shares this machine's
  // two cores with workerd) weighs as little as possible on the figure.
  const received = new Map(); // seq -> { at, type, times: [] }
  const entry = (seq) => received.get(seq) ?? received.set(seq, { at: NaN, type: "", times: [] }).get(seq);
  let connected = 0;
  const sockets = [];
  const { hostname, port } = new URL(url);
  const rawViewer = (_, index) =>
    new Promise((resolve) => {
      const socket = connect({ host: hostname, port: Number(port), noDelay: true });
      // BENCH_STALLED=N: the first N viewers never read after connecting (a stuck browser tab).
      const stalled = index < Number(process.env.BENCH_STALLED ?? 0);
      sockets.push(socket);
      let tail = "";
      let counted = false;
      socket.on("connect", () => socket.write(`GET /prs/${prId}/stream HTTP/1.1\r\nHost: ${hostname}\r\nLast-Event-ID: 999999999\r\nAccept: text/event-stream\r\n\r\n`));
      socket.on("data", (chunk) => {
        if (stalled) return void (connected++, socket.pause(), (counted = true));
        const now = Date.now();
        if (!counted) (counted = true), connected++;
        const text = tail + chunk.toString("latin1");
        for (const match of text.matchAll(/(?:^|\n)id: (\d+)\n/g)) entry(Number(match[1])).times.push(now);
        tail = text.slice(-24);
        if (tail.includes("\n")) tail = tail.slice(tail.lastIndexOf("\n"));
      });
      socket.on("close", resolve);
      socket.on("error", resolve);
    });
  const controller = new AbortController();
  const fullViewer = (async () => {
    const response = await fetch(`${url}/prs/${prId}/stream`, { headers: { "last-event-id": "999999999" }, signal: controller.signal });
    await readSse(response.body, {
      onEvent: (event) => Object.assign(entry(event.seq), { at: Date.parse(event.at), type: event.type }),
    });
  })();
  const started = Date.now();
  const viewers = Array.from({ length: VIEWERS }, rawViewer);
  while (connected < VIEWERS && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 50));
  const rssConnected = workerdRss();
  console.log(`${connected}/${VIEWERS} viewers connected in ${Date.now() - started} ms`);

  await fetch(`${url}/prs/${prId}/orchestrate`, { method: "POST" });
  const t0 = Date.now();
  while (Date.now() - t0 < 30_000) {
    const done = [...received.values()].find((e) => e.type === "run.finished" && e.times.length >= connected - Number(process.env.BENCH_STALLED ?? 0));
    if (done) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  for (const socket of sockets) socket.destroy();
  controller.abort();
  await Promise.allSettled([...viewers, fullViewer]);

  const events = [...received.values()].filter((e) => Number.isFinite(e.at));
  if (events.length < received.size) console.log(`${received.size - events.length} events seen by the raw viewers but not by the full reader`);
  const lastViewer = events.map((e) => ({ lag: Math.max(...e.times) - e.at, complete: e.times.length, type: e.type }));
  const all = events.flatMap((e) => e.times.map((t) => t - e.at)).sort((a, b) => a - b);
  // BENCH_DEBUG=1: each event's append, first and last arrival, in ms from the first event.
  if (process.env.BENCH_DEBUG) for (const e of events) console.log(e.type.padEnd(20), e.at - events[0].at, Math.min(...e.times) - events[0].at, Math.max(...e.times) - events[0].at);
  const lags = lastViewer.map((e) => e.lag).sort((a, b) => a - b);
  const q = (v, p) => v[Math.min(v.length - 1, Math.floor(p * v.length))];
  console.log(`events: ${lastViewer.length}, each received by ${Math.min(...lastViewer.map((e) => e.complete))}–${Math.max(...lastViewer.map((e) => e.complete))} viewers`);
  console.log(`event → last viewer: p50 ${q(lags, 0.5)} ms, p99 ${q(lags, 0.99)} ms, max ${lags.at(-1)} ms`);
  console.log(`event → any viewer : p50 ${q(all, 0.5)} ms, p99 ${q(all, 0.99)} ms`);
  console.log(`workerd RSS: ${rssBefore.toFixed(0)} MB before, ${rssConnected.toFixed(0)} MB with ${connected} viewers (all of workerd: DOs, D1, proxy)`);
} finally {
  stop();
}
