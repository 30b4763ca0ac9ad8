#!/usr/bin/env node
// bench/ingest: acknowledge rate and latency of signed `pull_request` deliveries (unique delivery ids)
// against `npm run dev:worker`, beside a no-op route in the same run. Prints figures; asserts nothing.
import autocannon from "autocannon";
import { createHmac, randomUUID } from "node:crypto";
import { cpus } from "node:os";
import { createRequire } from "node:module";
import { startDevWorker } from "./_dev-worker.mjs";

const require = createRequire(import.meta.url);
const examples = require("@octokit/webhooks-examples");
const SECRET = "development-secret";
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

// A real example payload; "labeled" is normalised into D1 but starts no agent run, so the
// figure is the ingest path itself (verify, store, enqueue, consume), not the workflow.
const payload = examples.find((e) => e.name === "pull_request").examples.find((p) => p.action === "labeled");
const body = JSON.stringify(payload);
const signature = `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;

const run = (opts) => new Promise((resolve, reject) => autocannon(opts, (err, res) => (err ? reject(err) : resolve(res))));
const fmt = (r) => `${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}`;

const dev = await startDevWorker();
const { stop } = dev;
// Requests go to the Worker's own workerd, as in production, where there is no dev proxy;
// BENCH_VIA_PROXY=1 sends them through wrangler dev's proxy Worker (a second workerd) instead.
const url = await dev.benchUrl();
try {
  const base = { url, connections: CONNECTIONS, duration: DURATION };
  await run({ ...base, duration: 2, url: `${url}/noop` }); // warm-up
  const noop = await run({ ...base, url: `${url}/noop` });
  let sent = 0;
  const ingest = await run({
    ...base,
    requests: [{
      method: "POST",
      path: "/webhooks/github",
      setupRequest: (req) => {
        sent++;
        return {
          ...req,
          body,
          headers: {
            "content-type": "application/json",
            "x-github-event": "pull_request",
            "x-github-delivery": randomUUID(),
            "x-hub-signature-256": signature,
          },
        };
      },
    }],
  });
  // How long the queue consumer needs to finish what was acknowledged: deliveries travel whole in
  // the queue and reach D1 only in the consumer, so wait until every acknowledged one is processed.
  const acknowledged = ingest["2xx"];
  const t0 = Date.now();
  let processed = { total: 0 };
  for (;;) {
    processed = await fetch(`${url}/deliveries?status=processed&perPage=1`).then((r) => r.json());
    if (processed.total >= acknowledged || Date.now() - t0 > 180_000) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const counts = {};
  for (const status of ["received", "queued", "processing", "failed", "dead_lettered", "rejected", "ignored"]) {
    counts[status] = (await fetch(`${url}/deliveries?status=${status}&perPage=1`).then((r) => r.json())).total;
  }
  // Deliveries left "received" are those whose queue send() failed at ack time: say why.
  const stranded = counts.received ? (await fetch(`${url}/deliveries?status=received&perPage=1`).then((r) => r.json())).deliveries?.[0]?.error : undefined;
  const stored = processed.total + Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}, node ${process.version}, ${CONNECTIONS} connections, ${DURATION}s each`);
  console.log(`no-op route      : ${fmt(noop)}`);
  console.log(`webhook ingest   : ${fmt(ingest)} (${sent} signed pull_request deliveries, ${(body.length / 1024).toFixed(1)} KiB each)`);
  console.log(`ingest / no-op   : ${(ingest.requests.average / noop.requests.average).toFixed(2)}`);
  console.log(`consumer drained : ${processed.total} of ${acknowledged} acknowledged processed; in D1: ${stored} stored, ${Object.entries(counts).filter(([, n]) => n).map(([k, n]) => `${n} ${k}`).join(", ") || "none in another state"}, ${((Date.now() - t0) / 1000).toFixed(1)}s after the load ended; the consumer asked for ${dev.consumerRetries()} retries; ${dev.failedSends()} failed queue sends logged`);
  if (stranded) console.log(`left "received"  : ${counts.received} (queue send failed at ack time; the cron sweep enqueues them): ${stranded}`);
} finally {
  stop();
}
