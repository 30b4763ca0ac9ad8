#!/usr/bin/env node
// bench/e2e: time from webhook acknowledged to memo recorded (the run's result in D1), over N runs
// in local dry-run mode against `npm run dev:worker`. Prints p50/p95; asserts nothing. Excludes LLM time (none configured).
import { createHmac, randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { startDevWorker } from "./_dev-worker.mjs";
import { readSse } from "./_sse.mjs";

const require = createRequire(import.meta.url);
const examples = require("@octokit/webhooks-examples");
const RUNS = Number(process.env.BENCH_RUNS ?? 100);
const template = examples.find((e) => e.name === "pull_request").examples.find((p) => p.action === "opened" && !p.pull_request.draft);

const { url, stop } = await startDevWorker();
try {
  // One SSE connection on the activity stream sees every run finish.
  const finished = new Map();
  const controller = new AbortController();
  const stream = await fetch(`${url}/stream`, { signal: controller.signal });
  readSse(stream.body, {
    onEvent: (event) => {
      if ((event.type === "run.finished" || event.type === "run.waiting_approval") && event.prKey) finished.set(event.prKey, performance.now());
    },
  });

  const timings = [];
  for (let i = 0; i < RUNS; i++) {
    const payload = structuredClone(template);
    payload.number = payload.pull_request.number = 100_000 + i;
    payload.pull_request.head.sha = randomUUID().replaceAll("-", "").padEnd(40, "0");
    const body = JSON.stringify(payload);
    const response = await fetch(`${url}/webhooks/github`, {
      method: "POST",
      headers: {
        "content-type": "application/json", "x-github-event": "pull_request", "x-github-delivery": randomUUID(),
        "x-hub-signature-256": `sha256=${createHmac("sha256", "development-secret").update(body).digest("hex")}`,
      },
      body,
    });
    const acked = performance.now();
    if (response.status !== 202) throw new Error(`fixforward: delivery answered ${response.status}`);
    const key = `${payload.repository.full_name}#${payload.number}`;
    const deadline = acked + 30_000;
    while (!finished.has(key) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    if (!finished.has(key)) throw new Error(`fixforward: run for ${key} did not finish within 30 s`);
    timings.push(finished.get(key) - acked);
  }
  controller.abort();
  timings.sort((a, b) => a - b);
  const q = (p) => timings[Math.min(timings.length - 1, Math.floor(p * timings.length))].toFixed(0);
  console.log(`end-to-end (webhook acknowledged → memo recorded), ${RUNS} runs, dry-run, no LLM, sequential:`);
  console.log(`  p50 ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${timings.at(-1).toFixed(0)} ms`);
} finally {
  stop();
}
