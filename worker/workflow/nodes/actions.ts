import { actions as actionsTable } from "../../db/schema";
import type { WorkflowNode } from "../node";
import type { MemoOutput } from "./memo";
import type { PrContext } from "./pr-context";

export type ActionsOutput = { actions: { kind: string; target: string; status: string; dryRun: boolean; url: string | null }[] };

/** Node 10: act on GitHub through the allowlist — recorded only, until the executor is wired. */
export const actions: WorkflowNode<ActionsOutput> = async (state, { db }) => {
  const pr = state.results.prContext as unknown as PrContext;
  const memo = state.results.memo as unknown as MemoOutput;
  const target = `${pr.repository}#${pr.number}`;
  await db.insert(actionsTable).values({
    agentRunId: state.input.runId, kind: "comment", target, idempotencyKey: `run:${state.input.runId}:comment:${target}`,
    payload: { body: memo.markdown }, status: "dry_run", dryRun: true,
  }).onConflictDoNothing().run();
  return { output: { actions: [{ kind: "comment", target, status: "dry_run", dryRun: true, url: null }] }, summary: `comment on ${target} recorded (dry-run)` };
};
