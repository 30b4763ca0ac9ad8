import { and, eq, inArray } from "drizzle-orm";
import { checkRuns, workflowJobs, workflowRuns } from "../../db/schema";
import type { WorkflowNode } from "../node";
import type { PrContext } from "./pr-context";

export type FailedJob = {
  id: number;
  runId: number | null;
  runAttempt: number | null;
  name: string;
  htmlUrl: string | null;
  conclusion: string;
  failedStep: string | null;
  source: "workflow_job" | "check_run";
};
export type CiLogs = { headSha: string; failedJobs: FailedJob[]; failedRuns: { id: number; name: string | null; runAttempt: number | null; htmlUrl: string | null }[] };

const failedConclusions = ["failure", "timed_out", "startup_failure", "cancelled"];

/** Node 2: the failed jobs of the head SHA (their logs are read by the triage node, streamed). */
export const ciLogs: WorkflowNode<CiLogs> = async (state, { db }) => {
  const pr = state.results.prContext as unknown as PrContext;
  const headSha = state.input.headSha;
  const jobs = await db.select().from(workflowJobs)
    .where(and(eq(workflowJobs.headSha, headSha), inArray(workflowJobs.conclusion, failedConclusions))).all();
  const runs = await db.select().from(workflowRuns)
    .where(and(eq(workflowRuns.headSha, headSha), inArray(workflowRuns.conclusion, failedConclusions))).all();
  const checks = await db.select().from(checkRuns)
    .where(and(eq(checkRuns.headSha, headSha), inArray(checkRuns.conclusion, failedConclusions))).all();
  // A GitHub Actions job is also a check run with the same id: keep one entry per id.
  const seen = new Set(jobs.map((j) => j.id));
  const failedJobs: FailedJob[] = [
    ...jobs.map((j) => ({
      id: j.id, runId: j.runId, runAttempt: j.runAttempt, name: j.name, htmlUrl: j.htmlUrl,
      conclusion: j.conclusion ?? "failure", failedStep: j.failedStep, source: "workflow_job" as const,
    })),
    ...checks.filter((c) => !seen.has(c.id)).map((c) => ({
      id: c.id, runId: null, runAttempt: null, name: c.name, htmlUrl: c.htmlUrl,
      conclusion: c.conclusion ?? "failure", failedStep: null, source: "check_run" as const,
    })),
  ];
  const output: CiLogs = {
    headSha,
    failedJobs,
    failedRuns: runs.map((r) => ({ id: r.id, name: r.name, runAttempt: r.runAttempt, htmlUrl: r.htmlUrl })),
  };
  const summary = failedJobs.length
    ? `${failedJobs.length} failed job(s) on ${headSha.slice(0, 7)}: ${failedJobs.slice(0, 3).map((j) => j.name).join(", ")}`
    : `no failed jobs recorded for ${pr.repository}@${headSha.slice(0, 7)}`;
  return { output, summary };
};
