import { and, eq } from "drizzle-orm";
import { openDb } from "../db";
import { pullRequests } from "../db/schema";
import type { Env } from "../env";
import type { RunTrigger } from "../ingest/normalize";
import { createAgentRun } from "./create-agent-run";

/** One run per (delivery, pull request) the event points at; returns how many were handed to PR rooms. */
export async function createRunsForTriggers(env: Env, deliveryId: string, triggers: RunTrigger[]): Promise<number> {
  const db = openDb(env.DB);
  let count = 0;
  for (const t of triggers) {
    const pr = await db
      .select({ id: pullRequests.id })
      .from(pullRequests)
      .where(and(eq(pullRequests.repositoryId, t.repositoryId), eq(pullRequests.number, t.prNumber)))
      .get();
    if (!pr) continue;
    const run = await createAgentRun(env, {
      prId: pr.id,
      triggerKey: `delivery:${deliveryId}:pr:${t.prNumber}`,
      trigger: t.trigger,
      mode: "orchestrate",
      headSha: t.headSha,
      ...(t.protectionRule ? { protectionRuleDeliveryId: t.protectionRule.deliveryId } : {}),
    });
    if (run) count++;
  }
  return count;
}
