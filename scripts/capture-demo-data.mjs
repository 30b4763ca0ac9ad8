#!/usr/bin/env node
// `node scripts/capture-demo-data.mjs`: regenerates app/demo/demo-data.json — the dashboard's
// labelled demo mode — from a real run: a throwaway dev Worker, the bundled failing-CI scenario
// replayed into it, and the API's own answers recorded. Demo data always has the API's shapes.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { startDevWorker } from "../bench/_dev-worker.mjs";

const { url, stop } = await startDevWorker();
try {
  execFileSync(process.execPath, ["bin/fixforward.mjs", "replay", "examples/failing-ci", "--url", url], { stdio: "inherit" });
  const get = async (path) => (await fetch(`${url}${path}`)).json();
  let prs;
  for (let i = 0; i < 100; i++) {
    prs = await get("/prs?state=all");
    const runs = prs.pullRequests[0] ? await get(`/prs/${prs.pullRequests[0].id}/agent-runs`) : { agentRuns: [] };
    if (runs.agentRuns.length >= 2 && runs.agentRuns.every((r) => ["succeeded", "failed", "waiting_approval"].includes(r.status))) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  const id = prs.pullRequests[0].id;
  const runs = await get(`/prs/${id}/agent-runs`);
  const responses = {
    "/health": await get("/health"),
    "/repos": await get("/repos"),
    "/prs": prs,
    [`/prs/${id}`]: await get(`/prs/${id}`),
    [`/prs/${id}/agent-runs`]: runs,
    ...Object.fromEntries(await Promise.all(runs.agentRuns.map(async (r) => [`/agent-runs/${r.id}`, await get(`/agent-runs/${r.id}`)]))),
    "/deliveries": await get("/deliveries?perPage=100"),
    "/dora": await get("/dora?days=30"),
  };
  writeFileSync("app/demo/demo-data.json", `${JSON.stringify({ capturedAt: new Date().toISOString(), responses }, null, 1)}\n`);
  console.log(`fixforward: demo data captured (${Object.keys(responses).length} responses) → app/demo/demo-data.json`);
} finally {
  stop();
}
