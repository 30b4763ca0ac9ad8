import { eq } from "drizzle-orm";
import { protectionRuleRequests } from "../../db/schema";
import { executeActions, type ActionOutcome, type Annotation, type GithubAction } from "../../github";
import { githubAccess } from "../github-access";
import type { WorkflowNode } from "../node";
import type { MemoOutput } from "./memo";
import type { PatchOutput } from "./patch";
import type { PrContext } from "./pr-context";
import type { TriageOutput } from "./triage";

export type ActionsOutput = { dryRun: boolean; note?: string; actions: ActionOutcome[] };

/** Node 10: act through the allowlist — memo comment, check run with annotations, rerun for flaky, protection-rule answer. */
export const actions: WorkflowNode<ActionsOutput> = async (state, { db, env }) => {
  const pr = state.results.prContext as unknown as PrContext;
  const memo = state.results.memo as unknown as MemoOutput;
  const triage = state.results.triage as unknown as TriageOutput;
  const patch = state.results.patch as unknown as PatchOutput;
  const repo = { owner: pr.owner, repo: pr.repo };
  const list: GithubAction[] = [{ kind: "comment", ...repo, pr: pr.number, body: memo.markdown }];
  const annotations: Annotation[] = triage.failures.flatMap((f) => f.locations.map((l) => ({
    path: l.file, start_line: l.line, end_line: l.line, annotation_level: "failure" as const, title: f.jobName, message: f.summary.slice(0, 500),
  })));
  list.push({
    kind: "check_run", ...repo, headSha: state.input.headSha,
    conclusion: memo.verdict === "allow" ? "success" : memo.verdict === "deny" ? "failure" : "action_required",
    title: memo.headline.slice(0, 250), summary: memo.markdown.slice(0, 60_000), annotations,
  });
  if (patch.status === "rerun") {
    for (const f of triage.failures) if (f.runId && f.runAttempt) list.push({ kind: "rerun_failed_jobs", ...repo, runId: f.runId, runAttempt: f.runAttempt });
  }
  if (patch.status === "proposed" || patch.status === "revert") {
    const title = patch.status === "revert" ? `fixforward: revert ${patch.commit.sha.slice(0, 7)} “${patch.commit.message.slice(0, 60)}”` : `fixforward: ${patch.rationale.slice(0, 60)}`;
    const body = `${patch.rationale}\n\n\`\`\`diff\n${patch.diff.trimEnd()}\n\`\`\`\n\nProposed by fixforward for #${pr.number}; review before merging.`;
    list.push({ kind: "bot_pr", ...repo, pr: pr.number, headRef: pr.headRef, headSha: state.input.headSha, files: patch.files, title, body });
  }
  if (state.input.protectionRuleDeliveryId) {
    const rule = await db.select().from(protectionRuleRequests).where(eq(protectionRuleRequests.deliveryId, state.input.protectionRuleDeliveryId)).get();
    const runId = Number(/\/actions\/runs\/(\d+)\//.exec(rule?.callbackUrl ?? "")?.[1]);
    if (rule && runId) list.push({ kind: "protection_rule_answer", ...repo, runId, environment: rule.environment, state: memo.verdict === "allow" ? "approved" : "rejected", comment: memo.headline.slice(0, 1000) });
  }
  const access = await githubAccess(env, db, pr.installationId);
  const outcomes = await executeActions(db, access.dryRun ? null : access.gh, state.input.runId, list);
  const done = outcomes.map((o) => `${o.kind} ${o.status}`).join(", ");
  return { output: { dryRun: access.dryRun, ...(access.note ? { note: access.note } : {}), actions: outcomes }, summary: `${access.dryRun ? "dry-run: " : ""}${done}` };
};
