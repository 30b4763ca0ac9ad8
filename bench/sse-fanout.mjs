#!/usr/bin/env node
// bench/sse-fanout: N concurrent viewers of one PR's SSE stream (default 1,000); for every run event,
// the time from the Durable Object appending it to the LAST viewer receiving it. Also workerd's RSS
// before and after the viewers connect. Prints figures; asserts nothing.
import { execSync } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { Agent, setGlobalDispatcher } from "undici";
import { startDevWorker } from "./_dev-worker.mjs";
import { readSse } from "./_sse.mjs";

const VIEWERS = Number(process.env.BENCH_VIEWERS ?? 1000);
setGlobalDispatcher(new Agent({ connections: VIEWERS + 50, pipelining: 0 }));
const require = createRequire(import.meta.url);
const examples = require("@octokit/webhooks-examples");

const workerdRss = () => {
  try {
    return execSync("ps -C workerd -o rss=", { encoding: "utf8" }).split("\n").filter(Boolean).reduce((s, kb) => s + Number(kb), 0) / 1024;
  } catch {
    return NaN;
  }
};

const { url, stop } = await startDevWorker();
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

  const received = new Map(); // seq -> { at, times: [] }
  let connected = 0;
  const controllers = [];
  const viewer = async () => {
    const controller = new AbortController();
    controllers.push(controller);
    const response = await fetch(`${url}/prs/${prId}/stream`, { headers: { "last-event-id": "999999999" }, signal: controller.signal });
    let now = 0;
    let counted = false;
    await readSse(response.body, {
      onChunk: () => {
        now = Date.now();
        if (!counted) (counted = true), connected++;
      },
      onEvent: (event) => {
        const entry = received.get(event.seq) ?? { at: Date.parse(event.at), type: event.type, times: [] };
        entry.times.push(now);
        received.set(event.seq, entry);
      },
    });
  };
  const started = Date.now();
  const viewers = Array.from({ length: VIEWERS }, viewer);
  while (connected < VIEWERS && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 50));
  const rssConnected = workerdRss();
  console.log(`${connected}/${VIEWERS} viewers connected in ${Date.now() - started} ms`);

  await fetch(`${url}/prs/${prId}/orchestrate`, { method: "POST" });
  const t0 = Date.now();
  while (Date.now() - t0 < 30_000) {
    const done = [...received.values()].find((e) => e.type === "run.finished" && e.times.length >= connected);
    if (done) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  for (const c of controllers) c.abort();
  await Promise.allSettled(viewers);

  const lastViewer = [...received.values()].map((e) => ({ lag: Math.max(...e.times) - e.at, complete: e.times.length, type: e.type }));
  const all = [...received.values()].flatMap((e) => e.times.map((t) => t - e.at)).sort((a, b) => a - b);
  const lags = lastViewer.map((e) => e.lag).sort((a, b) => a - b);
  const q = (v, p) => v[Math.min(v.length - 1, Math.floor(p * v.length))];
  console.log(`events: ${lastViewer.length}, each received by ${Math.min(...lastViewer.map((e) => e.complete))}–${Math.max(...lastViewer.map((e) => e.complete))} viewers`);
  console.log(`event → last viewer: p50 ${q(lags, 0.5)} ms, p99 ${q(lags, 0.99)} ms, max ${lags.at(-1)} ms`);
  console.log(`event → any viewer : p50 ${q(all, 0.5)} ms, p99 ${q(all, 0.99)} ms`);
  console.log(`workerd RSS: ${rssBefore.toFixed(0)} MB before, ${rssConnected.toFixed(0)} MB with ${connected} viewers (all of workerd: DOs, D1, proxy)`);
} finally {
  stop();
}
