import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createAgentRun } from "../runs/create-agent-run";
import { api, deliver, example, waitFor, waitForDelivery, type Payload } from "../../test/worker/helpers";

let nextNumber = 9000;

/** Opens a PR through a real pull_request.opened delivery; `big` makes it risky enough to need approval. */
async function openPr(options: { big?: boolean; sha?: string } = {}) {
  const payload = example("pull_request", (p) => p.action === "opened" && !p.pull_request.draft);
  payload.number = payload.pull_request.number = nextNumber++;
  payload.pull_request.head.sha = options.sha ?? crypto.randomUUID().replaceAll("-", "").padEnd(40, "0");
  payload.pull_request.updated_at = new Date().toISOString();
  if (options.big) Object.assign(payload.pull_request, { additions: 2400, deletions: 300, changed_files: 40 });
  const { id } = await deliver("pull_request", payload);
  await waitForDelivery(id);
  const pr = await env.DB.prepare("SELECT id FROM pull_requests WHERE repository_id = ? AND number = ?").bind(payload.repository.id, payload.number).first<{ id: number }>();
  return { payload, prId: pr!.id, deliveryId: id };
}

const runOf = (runId: number) => api<{ agentRun: Payload; events: Payload[]; checkpoints: Payload }>(`/agent-runs/${runId}`);
const runIdFor = async (deliveryId: string) =>
  waitFor(async () => (await env.DB.prepare("SELECT id FROM agent_runs WHERE trigger_key LIKE ?").bind(`delivery:${deliveryId}:%`).first<{ id: number }>())?.id, "the run row");
const waitForStatus = (runId: number, status: string) =>
  waitFor(async () => {
    const { body } = await runOf(runId);
    return body.agentRun.status === status ? body : undefined;
  }, `run ${runId} to be ${status}`);

describe("PR room", () => {
  it("runs the ten nodes in order and records the result in D1", async () => {
    const { deliveryId } = await openPr();
    const runId = await runIdFor(deliveryId);
    const done = await waitForStatus(runId, "succeeded");
    const started = done.events.filter((e) => e.type === "node.started").map((e) => e.node);
    expect(started).toEqual(["prContext", "ciLogs", "triage", "testSelection", "patch", "sloTelemetry", "rolloutPlan", "policyGate", "memo", "actions"]);
    expect(Object.keys(done.agentRun.result)).toEqual(expect.arrayContaining(["prContext", "policyGate", "memo", "actions"]));
    expect(done.checkpoints.count).toBeGreaterThanOrEqual(10);
  });

  it("suspends at the gate with interrupt() and resumes on approve, recording who decided", async () => {
    const { deliveryId } = await openPr({ big: true });
    const runId = await runIdFor(deliveryId);
    const waiting = await waitForStatus(runId, "waiting_approval");
    expect(waiting.agentRun.result.policyGate.verdict).toBe("needs-approval");
    expect(waiting.events.map((e) => e.type)).toContain("run.waiting_approval");

    const approved = await api(`/agent-runs/${runId}/approve`, { method: "POST", body: JSON.stringify({ by: "octocat", reason: "canary watched" }) });
    expect(approved.status).toBe(200);
    const done = await waitForStatus(runId, "succeeded");
    expect(done.agentRun).toMatchObject({ decision: "approved", decidedBy: "octocat", verdict: "allow" });
    expect(done.agentRun.result.approval).toMatchObject({ approved: true, by: "octocat", reason: "canary watched" });
    // The nodes before the gate ran once: the resume continued from the checkpoint.
    expect(done.events.filter((e) => e.type === "node.started" && e.node === "prContext")).toHaveLength(1);

    const again = await api(`/agent-runs/${runId}/approve`, { method: "POST", body: "{}" });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("not_waiting");
  });

  it("rejects through the same interrupt, and the memo says blocked", async () => {
    const { deliveryId } = await openPr({ big: true });
    const runId = await runIdFor(deliveryId);
    await waitForStatus(runId, "waiting_approval");
    const bad = await api(`/agent-runs/${runId}/reject`, { method: "POST", body: JSON.stringify({ by: 42 }) });
    expect(bad.status).toBe(400);
    const rejected = await api(`/agent-runs/${runId}/reject`, { method: "POST", body: JSON.stringify({ by: "hubot", reason: "freeze" }) });
    expect(rejected.status).toBe(200);
    const done = await waitForStatus(runId, "succeeded");
    expect(done.agentRun).toMatchObject({ decision: "rejected", decidedBy: "hubot", verdict: "deny" });
  });

  it("resumes a run killed between nodes from its last checkpoint instead of starting over", async () => {
    const { prId } = await openPr();
    const run = await createAgentRun(env, { prId, triggerKey: `test:${crypto.randomUUID()}`, trigger: "manual:test", mode: "orchestrate", faultBeforeNode: "testSelection" });
    const done = await waitForStatus(run!.runId, "succeeded");
    const types = done.events.map((e) => `${e.type}${e.node ? `:${e.node}` : ""}`);
    expect(types).toContain("node.failed:testSelection");
    expect(types).toContain("run.retrying");
    const resumed = done.events.find((e) => e.type === "run.resumed");
    expect(resumed?.next).toEqual(["testSelection"]);
    expect(resumed?.checkpointId).toMatch(/\S/);
    for (const node of ["prContext", "ciLogs", "triage"]) {
      expect(done.events.filter((e) => e.type === "node.started" && e.node === node), node).toHaveLength(1);
    }
    expect(done.events.filter((e) => e.type === "node.finished" && e.node === "testSelection")).toHaveLength(1);
    expect(done.agentRun.attempts).toBe(2);
  });

  it("supersedes a run on an older head SHA when a newer one arrives", async () => {
    const { payload, deliveryId } = await openPr({ big: true });
    const oldRun = await runIdFor(deliveryId);
    await waitForStatus(oldRun, "waiting_approval");
    const sync = structuredClone(payload);
    sync.action = "synchronize";
    sync.pull_request.head.sha = "b".repeat(40);
    sync.pull_request.updated_at = new Date(Date.now() + 1000).toISOString();
    const { id } = await deliver("pull_request", sync);
    await waitForDelivery(id);
    await waitForStatus(oldRun, "superseded");
    const newRun = await runIdFor(id);
    await waitForStatus(newRun, "waiting_approval");
  });

  it("POST /prs/:id/orchestrate enqueues a run (202) and 404s an unknown PR", async () => {
    const { prId } = await openPr();
    const started = await api<{ agentRunId: number }>(`/prs/${prId}/orchestrate`, { method: "POST", body: JSON.stringify({ requestId: "same" }) });
    expect(started.status).toBe(202);
    const twice = await api<{ agentRunId: number; created: boolean }>(`/prs/${prId}/orchestrate`, { method: "POST", body: JSON.stringify({ requestId: "same" }) });
    expect(twice.body).toMatchObject({ agentRunId: started.body.agentRunId, created: false });
    await waitForStatus(started.body.agentRunId, "succeeded");
    const missing = await api(`/prs/999999/orchestrate`, { method: "POST" });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/pull request 999999 not found/);
  });
});

/** Reads SSE frames from a streaming response until `enough` says stop. */
async function readSse(response: Response, enough: (events: { id: number; event: string; data: Payload }[]) => boolean, timeoutMs = 10_000) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: { id: number; event: string; data: Payload }[] = [];
  let buffer = "";
  const deadline = Date.now() + timeoutMs;
  try {
    while (!enough(events)) {
      if (Date.now() > deadline) throw new Error(`timed out after ${events.length} SSE events`);
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const field = (name: string) => frame.split("\n").find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
        const data = field("data");
        if (data) events.push({ id: Number(field("id")), event: field("event")!, data: JSON.parse(data) });
      }
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return events;
}

describe("SSE", () => {
  it("streams a PR's run live and replays exactly what was missed after Last-Event-ID", async () => {
    const { prId, deliveryId } = await openPr();
    const runId = await runIdFor(deliveryId);
    await waitForStatus(runId, "succeeded");

    const full = await SELF.fetch(`https://fixforward.test/prs/${prId}/stream`);
    expect(full.headers.get("content-type")).toMatch(/text\/event-stream/);
    const all = await readSse(full, (e) => e.some((x) => x.event === "run.finished"));
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => a - b));

    const cut = all[4]!.id;
    const resumed = await SELF.fetch(`https://fixforward.test/prs/${prId}/stream`, { headers: { "Last-Event-ID": String(cut) } });
    const rest = await readSse(resumed, (e) => e.some((x) => x.event === "run.finished"));
    expect(rest[0]!.id).toBe(cut + 1);
    expect(rest.map((e) => e.id)).toEqual(all.filter((e) => e.id > cut).map((e) => e.id));

    // Live: a viewer connected before the run sees its events as they happen.
    const live = await SELF.fetch(`https://fixforward.test/prs/${prId}/stream`, { headers: { "Last-Event-ID": String(all.at(-1)!.id) } });
    const started = await api<{ agentRunId: number }>(`/prs/${prId}/orchestrate`, { method: "POST" });
    const seen = await readSse(live, (e) => e.some((x) => x.event === "run.finished" && x.data.runId === started.body.agentRunId));
    expect(seen.filter((e) => e.event === "node.finished").map((e) => e.data.node)).toContain("memo");
  });

  it("GET /stream carries deliveries and run status", async () => {
    const response = await SELF.fetch("https://fixforward.test/stream");
    const { deliveryId } = await openPr();
    const events = await readSse(response, (e) => e.some((x) => x.data.deliveryId === deliveryId && x.event === "delivery.processed"));
    expect(events.some((e) => e.event === "delivery.processed" && e.data.deliveryId === deliveryId && /pull_request processed/.test(e.data.summary))).toBe(true);
  });
});
