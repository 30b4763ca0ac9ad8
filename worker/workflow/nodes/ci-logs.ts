import { and, eq, inArray } from "drizzle-orm";
import { checkRuns, workflowJobs, workflowRuns } from "../../db/schema";
import { listCheckRunsForRef, listFailedJobs, listWorkflowRunsForSha } from "../../github";
import { githubAccess } from "../github-access";
import type { WorkflowNode } from "../node";
import type { PrContext } from "./pr-context";

export type FailedJob = { id: number; runId: number | null; runAttempt: number | null; name: string; htmlUrl: string | null; conclusion: string; failedStep: string | null; failedStepNumber: number | null; source: "workflow_job" | "check_run" | "github" };
export type CiLogs = { headSha: string; failedJobs: FailedJob[]; failedRuns: { id: number; name: string | null; runAttempt: number | null; htmlUrl: string | null }[]; checks: { name: string; conclusion: string | null }[]; unavailable: string[] };

const failed = ["failure", "timed_out", "startup_failure", "cancelled"];

/** Node 2: the failed jobs of the head commit (D1 first, the GitHub API for runs D1 has no jobs of). Logs are streamed by triage. */
export const ciLogs: WorkflowNode<CiLogs> = async (state, { db, env }) => {
  const pr = state.results.prContext as unknown as PrContext;
  const headSha = state.input.headSha;
  const [jobs, runs, checks] = await Promise.all([
    db.select().from(workflowJobs).where(eq(workflowJobs.headSha, headSha)).all(),
    db.select({ id: workflowRuns.id, name: workflowRuns.name, runAttempt: workflowRuns.runAttempt, htmlUrl: workflowRuns.htmlUrl }).from(workflowRuns)
      .where(and(eq(workflowRuns.headSha, headSha), inArray(workflowRuns.conclusion, failed))).all(),
    db.select({ id: checkRuns.id, name: checkRuns.name, conclusion: checkRuns.conclusion, htmlUrl: checkRuns.htmlUrl }).from(checkRuns).where(eq(checkRuns.headSha, headSha)).all(),
  ]);
  const failedJobs: FailedJob[] = jobs.filter((j) => failed.includes(j.conclusion ?? "")).map((j) => ({
    id: j.id, runId: j.runId, runAttempt: j.runAttempt, name: j.name, htmlUrl: j.htmlUrl, conclusion: j.conclusion!, failedStep: j.failedStep, failedStepNumber: j.failedStepNumber, source: "workflow_job" as const,
  }));
  const unavailable: string[] = [];
  const { gh } = await githubAccess(env, db, pr.installationId);
  const where = { owner: pr.owner, repo: pr.repo };
  if (runs.length === 0 && failedJobs.length === 0) {
    // D1 knows nothing red for this commit (missed webhooks, or a run asked for by hand): ask GitHub.
    try {
      for (const r of await listWorkflowRunsForSha(gh, where, headSha)) {
        if (failed.includes(r.conclusion ?? "")) runs.push({ id: r.id, name: r.name, runAttempt: r.runAttempt, htmlUrl: r.htmlUrl });
      }
      for (const c of await listCheckRunsForRef(gh, where, headSha)) {
        if (c.name !== "fixforward" && !checks.some((k) => k.id === c.id)) checks.push({ id: c.id, name: c.name, conclusion: c.conclusion, htmlUrl: c.htmlUrl });
      }
    } catch (error) {
      unavailable.push(`runs and checks of ${headSha.slice(0, 7)} on GitHub: ${(error as Error).message.split("\n")[0]}`);
    }
  }
  for (const run of runs.filter((r) => !failedJobs.some((j) => j.runId === r.id))) {
    try {
      for (const j of await listFailedJobs(gh, where, run.id)) failedJobs.push({ ...j, source: "github" });
    } catch (error) {
      unavailable.push(`jobs of run ${run.id}: ${(error as Error).message.split("\n")[0]}`);
    }
  }
  const seen = new Set(failedJobs.map((j) => j.id));
  for (const c of checks) {
    if (failed.includes(c.conclusion ?? "") && !seen.has(c.id)) failedJobs.push({ id: c.id, runId: null, runAttempt: null, name: c.name, htmlUrl: c.htmlUrl, conclusion: c.conclusion!, failedStep: null, failedStepNumber: null, source: "check_run" });
  }
  const statusOf = new Map<string, string | null>();
  for (const c of checks) statusOf.set(c.name, c.conclusion);
  for (const j of jobs) statusOf.set(j.name, j.conclusion);
  const output: CiLogs = {
    headSha, failedJobs,
    failedRuns: runs.map((r) => ({ id: r.id, name: r.name, runAttempt: r.runAttempt, htmlUrl: r.htmlUrl })),
    checks: [...statusOf].map(([name, conclusion]) => ({ name, conclusion })),
    unavailable,
  };
  const summary = failedJobs.length ? `${failedJobs.length} failed job(s): ${failedJobs.slice(0, 3).map((j) => j.name).join(", ")}` : "no failed jobs on this commit";
  return { output, summary };
};
