import { eq } from "drizzle-orm";
import { openDb } from "../db";
import { agentRuns, pullRequests, repositories } from "../db/schema";
import type { Env } from "../env";
import type { RoomJob } from "../pr-room";

export type NewRun = {
  prId: number;
  triggerKey: string;
  trigger: string;
  mode: "orchestrate" | "fix-forward";
  headSha?: string;
  protectionRuleDeliveryId?: string;
  faultBeforeNode?: string;
};

export type CreatedRun = { runId: number; created: boolean; status: string };

/** The PR room of a pull request: one Durable Object per "owner/repo#number". */
export function prRoom(env: Env, repositoryFullName: string, number: number) {
  return env.PR_ROOM.get(env.PR_ROOM.idFromName(`${repositoryFullName}#${number}`));
}

/**
 * Records a run in D1 (unique per trigger key, so a redelivered webhook or retried message
 * never creates a second one) and hands it to the PR room, which runs it.
 */
export async function createAgentRun(env: Env, run: NewRun): Promise<CreatedRun | null> {
  const db = openDb(env.DB);
  const pr = await db
    .select({ id: pullRequests.id, number: pullRequests.number, headSha: pullRequests.headSha, fullName: repositories.fullName })
    .from(pullRequests)
    .innerJoin(repositories, eq(repositories.id, pullRequests.repositoryId))
    .where(eq(pullRequests.id, run.prId))
    .get();
  if (!pr) return null;
  const headSha = run.headSha ?? pr.headSha;
  const inserted = await db
    .insert(agentRuns)
    .values({ pullRequestId: pr.id, triggerKey: run.triggerKey, trigger: run.trigger, mode: run.mode, headSha })
    .onConflictDoNothing()
    .returning({ id: agentRuns.id })
    .get();
  const row = inserted
    ? { id: inserted.id, status: "queued" as const }
    : await db.select({ id: agentRuns.id, status: agentRuns.status }).from(agentRuns).where(eq(agentRuns.triggerKey, run.triggerKey)).get();
  if (!row) throw new Error(`fixforward: agent run for trigger ${run.triggerKey} vanished`);
  const status = row.status;
  // Re-handing a queued run is safe (the room ignores a run id it already has) and covers a crash in between.
  if (status === "queued") {
    const job: RoomJob = {
      runId: row.id, prId: pr.id, headSha, mode: run.mode, trigger: run.trigger,
      prKey: `${pr.fullName}#${pr.number}`,
      ...(run.protectionRuleDeliveryId ? { protectionRuleDeliveryId: run.protectionRuleDeliveryId } : {}),
      ...(run.faultBeforeNode ? { faultBeforeNode: run.faultBeforeNode } : {}),
    };
    await prRoom(env, pr.fullName, pr.number).enqueue(job);
  }
  return { runId: row.id, created: Boolean(inserted), status };
}
