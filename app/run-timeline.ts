// The ten nodes as a timeline, folded from a run's events (loader snapshot + live SSE). Pure: unit-tested.
export const NODES = ["prContext", "ciLogs", "triage", "testSelection", "patch", "sloTelemetry", "rolloutPlan", "policyGate", "memo", "actions"] as const;
export const NODE_LABELS: Record<string, string> = {
  prContext: "PR context", ciLogs: "CI logs", triage: "Failure triage", testSelection: "Test selection", patch: "Fix-forward patch",
  sloTelemetry: "SLO telemetry", rolloutPlan: "Rollout plan", policyGate: "Policy gate", approval: "Approval", memo: "Decision memo", actions: "Actions",
};

export type RunEvent = { seq: number; type: string; runId?: number; node?: string; summary?: string; durationMs?: number };
export type NodeState = { node: string; state: "pending" | "running" | "finished" | "failed" | "waiting"; summary: string; durationMs?: number };

export function foldTimeline(events: RunEvent[], runId: number): NodeState[] {
  const states = new Map<string, NodeState>(NODES.map((n) => [n, { node: n, state: "pending", summary: "" }]));
  let waiting = false;
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    if (e.runId !== runId) continue;
    if (e.type === "run.waiting_approval") waiting = true;
    if (e.type === "run.resumed" && !("checkpointId" in e)) waiting = false;
    if (!e.node) continue;
    if (!states.has(e.node)) states.set(e.node, { node: e.node, state: "pending", summary: "" });
    const s = states.get(e.node)!;
    if (e.type === "node.started") Object.assign(s, { state: "running", summary: "" });
    if (e.type === "node.finished") Object.assign(s, { state: "finished", summary: e.summary ?? "", durationMs: e.durationMs });
    if (e.type === "node.failed") Object.assign(s, { state: "failed", summary: e.summary ?? "", durationMs: e.durationMs });
  }
  const list = NODES.map((n) => states.get(n)!);
  const approval = states.get("approval");
  if (approval || waiting) list.splice(8, 0, approval && !waiting ? approval : { node: "approval", state: "waiting", summary: "waiting for a person to approve or reject" });
  return list;
}
