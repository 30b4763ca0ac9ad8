import { and, eq, inArray, sql } from "drizzle-orm";
import { publishActivity } from "../activity-feed/publish-activity";
import { openDb } from "../db";
import { agentRuns, pullRequests, type AgentRunStatus } from "../db/schema";
import type { Env } from "../env";
import type { ApprovalDecision } from "../workflow/nodes/approval";

/** Mirrors a run's progress into D1 (`agent_runs`), which the REST API and dashboard read. */
export class RunRecorder {
  constructor(private readonly env: Env) {}

  private get db() {
    return openDb(this.env.DB);
  }

  /** Marks the run running; false when it was superseded or cancelled while it waited in the queue. */
  async started(runId: number): Promise<boolean> {
    const row = await this.db
      .update(agentRuns)
      .set({ status: "running", startedAt: sql`coalesce(${agentRuns.startedAt}, ${new Date().toISOString()})`, attempts: sql`${agentRuns.attempts} + 1` })
      .where(and(eq(agentRuns.id, runId), inArray(agentRuns.status, ["queued", "running", "waiting_approval"])))
      .returning({ id: agentRuns.id })
      .get();
    return Boolean(row);
  }

  async nodeStarted(runId: number, node: string): Promise<void> {
    await this.db.update(agentRuns).set({ currentNode: node }).where(eq(agentRuns.id, runId)).run();
  }

  async waiting(runId: number, values: Record<string, unknown>): Promise<void> {
    await this.db.update(agentRuns).set({ status: "waiting_approval", currentNode: "approval", result: resultOf(values) }).where(eq(agentRuns.id, runId)).run();
  }

  async decided(runId: number, decision: ApprovalDecision): Promise<void> {
    await this.db
      .update(agentRuns)
      .set({ status: "running", decision: decision.approved ? "approved" : "rejected", decidedBy: decision.by })
      .where(eq(agentRuns.id, runId))
      .run();
  }

  async retrying(runId: number, error: string): Promise<void> {
    await this.db.update(agentRuns).set({ status: "queued", error }).where(eq(agentRuns.id, runId)).run();
  }

  /** Records the final state; returns the verdict it recorded. */
  async succeeded(runId: number, prId: number, values: Record<string, unknown>): Promise<string | null> {
    const memo = (values.results as { memo?: unknown } | undefined)?.memo as { verdict?: string } | undefined;
    const verdict = memo?.verdict ?? null;
    await this.db.batch([
      this.db.update(agentRuns)
        .set({ status: "succeeded", currentNode: null, finishedAt: new Date().toISOString(), verdict, error: null, result: resultOf(values) })
        .where(eq(agentRuns.id, runId)),
      this.db.update(pullRequests).set({ verdict }).where(eq(pullRequests.id, prId)),
    ]);
    return verdict;
  }

  async finishedAs(runId: number, status: AgentRunStatus, error: string): Promise<void> {
    await this.db.update(agentRuns).set({ status, error, finishedAt: new Date().toISOString() }).where(eq(agentRuns.id, runId)).run();
  }

  async activity(type: string, data: Record<string, unknown>): Promise<void> {
    const { summary, runId, prId, prKey, trigger, verdict } = data as Record<string, unknown>;
    await publishActivity(this.env, {
      type, summary: String(summary ?? type),
      ...(typeof runId === "number" ? { runId } : {}), ...(typeof prId === "number" ? { prId } : {}),
      ...(prKey ? { prKey: String(prKey) } : {}), ...(trigger ? { trigger: String(trigger) } : {}), ...(verdict ? { verdict: String(verdict) } : {}),
    });
  }
}

function resultOf(values: Record<string, unknown>): Record<string, unknown> {
  return (values.results as Record<string, unknown> | undefined) ?? {};
}
