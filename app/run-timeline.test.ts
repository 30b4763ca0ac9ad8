import { describe, expect, it } from "vitest";
import { foldTimeline } from "./run-timeline";

describe("foldTimeline", () => {
  it("fills in nodes in order and shows a waiting approval", () => {
    const t = foldTimeline([
      { seq: 1, type: "node.started", runId: 7, node: "prContext" },
      { seq: 2, type: "node.finished", runId: 7, node: "prContext", summary: "ok", durationMs: 12 },
      { seq: 3, type: "node.started", runId: 7, node: "ciLogs" },
      { seq: 4, type: "node.finished", runId: 9, node: "triage", summary: "other run" },
      { seq: 5, type: "run.waiting_approval", runId: 7, node: "approval" },
    ], 7);
    expect(t.slice(0, 3).map((n) => n.state)).toEqual(["finished", "running", "pending"]);
    expect(t[0]).toMatchObject({ summary: "ok", durationMs: 12 });
    expect(t.find((n) => n.node === "approval")?.state).toBe("waiting");
    expect(t.find((n) => n.node === "triage")?.state).toBe("pending");
  });
});
