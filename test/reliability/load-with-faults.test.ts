// 2,000 deliveries while the consumer throws on a random 10 % of attempts, against `npm run dev:worker`
// (workerd, local D1 and Queues): every accepted delivery ends processed or dead-lettered and visible,
// none lost, none processed twice (exactly one run per run-starting delivery).
import { createHmac, randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { afterAll, beforeAll, expect, it } from "vitest";
// @ts-expect-error plain ESM helper shared with the benchmarks
import { startDevWorker } from "../../bench/_dev-worker.mjs";

const require = createRequire(import.meta.url);
const examples = require("@octokit/webhooks-examples") as { name: string; examples: any[] }[];
const pick = (event: string, f: (p: any) => boolean) => structuredClone(examples.find((e) => e.name === event)!.examples.find(f));

const TOTAL = 2_000;
const WITH_RUNS = 40;
let worker: { url: string; stop(): void };

beforeAll(async () => {
  worker = await startDevWorker({ vars: { FAULT_INJECT_RANDOM_PREFIX: "chaos-", FAULT_INJECT_RANDOM_RATE: "0.1", QUEUE_RETRY_BASE_SECONDS: "0" } });
}, 120_000);
afterAll(() => worker?.stop());

/** Sends like GitHub's "redeliver": a delivery that was not acknowledged (wrangler dev answering 503 while busy, a reset connection) is sent again with the same id. */
async function send(event: string, payload: unknown, id: string) {
  const body = JSON.stringify(payload);
  let status = 0;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const response = await fetch(`${worker.url}/webhooks/github`, {
        method: "POST",
        headers: {
          "content-type": "application/json", "x-github-event": event, "x-github-delivery": id,
          "x-hub-signature-256": `sha256=${createHmac("sha256", "development-secret").update(body).digest("hex")}`,
        },
        body,
      });
      await response.arrayBuffer();
      status = response.status;
    } catch {
      status = 0;
    }
    if (status !== 503 && status !== 0) break;
    resent++;
    await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
  }
  return status;
}
let resent = 0;

const total = async (query: string) => ((await (await fetch(`${worker.url}/deliveries?perPage=1&${query}`)).json()) as { total: number }).total;

it(`${TOTAL} deliveries under random consumer faults end processed or dead-lettered, none lost, none twice`, async () => {
  const labeled = pick("pull_request", (p) => p.action === "labeled");
  const opened = pick("pull_request", (p) => p.action === "opened" && !p.pull_request.draft);
  const runDeliveries: { id: string; number: number }[] = [];
  let next = 0;
  const statuses: number[] = [];
  const client = async () => {
    for (;;) {
      const i = next++;
      if (i >= TOTAL) return;
      const id = `chaos-${randomUUID()}`;
      let payload = labeled;
      if (i < WITH_RUNS) {
        payload = structuredClone(opened);
        payload.number = payload.pull_request.number = 70_000 + i;
        runDeliveries.push({ id, number: payload.number });
      }
      statuses.push(await send("pull_request", payload, id));
    }
  };
  await Promise.all(Array.from({ length: 16 }, client));
  // 202 for a new delivery; 200 when a resent one had been stored before its answer was lost.
  expect(statuses.filter((s) => s !== 202 && s !== 200)).toEqual([]);
  if (resent) console.log(`load with faults: ${resent} request(s) resent after 503 / connection errors`);

  const deadline = Date.now() + 120_000;
  let processed = 0;
  let dead = 0;
  while (Date.now() < deadline) {
    [processed, dead] = await Promise.all([total("status=processed"), total("status=dead_lettered")]);
    if (processed + dead === TOTAL) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  console.log(`load with faults: ${processed} processed, ${dead} dead-lettered of ${TOTAL}`);
  expect(processed + dead).toBe(TOTAL);
  expect(await total("")).toBe(TOTAL);

  // Faults really happened: some deliveries needed more than one attempt.
  const page = (await (await fetch(`${worker.url}/deliveries?perPage=100&status=processed`)).json()) as { deliveries: { attempts: number }[] };
  const all = [];
  for (let p = 1; p <= Math.ceil(TOTAL / 100); p++) {
    const body = (await (await fetch(`${worker.url}/deliveries?perPage=100&page=${p}`)).json()) as { deliveries: { attempts: number }[] };
    all.push(...body.deliveries);
  }
  expect(page.deliveries.length).toBeGreaterThan(0);
  expect(all.filter((d) => d.attempts > 1).length).toBeGreaterThan(0);

  // Exactly one run for each run-starting delivery, however often its message was retried.
  const prs = (await (await fetch(`${worker.url}/prs?perPage=100&state=all`)).json()) as { pullRequests: { id: number; number: number }[] };
  for (const { number } of runDeliveries) {
    const pr = prs.pullRequests.find((p) => p.number === number);
    expect(pr, `PR #${number}`).toBeDefined();
    const runs = (await (await fetch(`${worker.url}/prs/${pr!.id}/agent-runs`)).json()) as { agentRuns: unknown[] };
    expect(runs.agentRuns, `runs of PR #${number}`).toHaveLength(1);
  }
}, 300_000);
