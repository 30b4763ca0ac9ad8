import type { BatchItem } from "drizzle-orm/batch";
import { workflowJobs, workflowRuns } from "../../db/schema";
import { parseOrFail } from "./parse-or-fail";
import { workflowJobSchema, workflowRunSchema } from "./payload-schemas";
import { ensurePullRequest } from "./normalize-pull-request";
import type { Normalizer, RunTrigger } from "./types";
import { upsertRepository } from "./upsert-repository";

const failed = new Set(["failure", "timed_out", "startup_failure"]);

export const normalizeWorkflowRun: Normalizer = (ctx, payload) => {
  const { repo, statements: repoStatements } = upsertRepository(ctx.db, payload);
  const run = parseOrFail(workflowRunSchema, payload.workflow_run, "workflow_run");
  const values = {
    id: run.id,
    repositoryId: repo.id,
    name: run.name ?? null,
    event: run.event ?? null,
    headSha: run.head_sha,
    headBranch: run.head_branch ?? null,
    status: run.status ?? null,
    conclusion: run.conclusion ?? null,
    runNumber: run.run_number ?? null,
    runAttempt: run.run_attempt ?? null,
    htmlUrl: run.html_url ?? null,
    pullRequestNumbers: run.pull_requests.map((p) => p.number),
    runStartedAt: run.run_started_at ?? null,
    createdAt: run.created_at ?? null,
    updatedAt: run.updated_at ?? null,
  };
  const statements: BatchItem<"sqlite">[] = [...repoStatements, ctx.db.insert(workflowRuns).values(values).onConflictDoUpdate({ target: workflowRuns.id, set: values })];
  const triggers: RunTrigger[] = [];
  if (ctx.action === "completed" && failed.has(run.conclusion ?? "")) {
    for (const ref of run.pull_requests) {
      statements.push(ensurePullRequest(ctx.db, repo.id, ref));
      triggers.push({ repositoryId: repo.id, prNumber: ref.number, headSha: ref.head.sha, trigger: "workflow_run.completed" });
    }
  }
  return { statements, triggers };
};

export const normalizeWorkflowJob: Normalizer = (ctx, payload) => {
  const { repo, statements: repoStatements } = upsertRepository(ctx.db, payload);
  const job = parseOrFail(workflowJobSchema, payload.workflow_job, "workflow_job");
  const failing = job.steps?.find((s) => failed.has(s.conclusion ?? ""));
  const failedStep = failing?.name ?? null;
  const values = {
    id: job.id,
    runId: job.run_id,
    repositoryId: repo.id,
    name: job.name,
    headSha: job.head_sha,
    status: job.status ?? null,
    conclusion: job.conclusion ?? null,
    runAttempt: job.run_attempt ?? null,
    htmlUrl: job.html_url ?? null,
    startedAt: job.started_at ?? null,
    completedAt: job.completed_at ?? null,
    failedStep,
    failedStepNumber: failing?.number ?? null,
  };
  return { statements: [...repoStatements, ctx.db.insert(workflowJobs).values(values).onConflictDoUpdate({ target: workflowJobs.id, set: values })], triggers: [] };
};
