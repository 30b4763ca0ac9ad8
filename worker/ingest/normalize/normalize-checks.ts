import type { BatchItem } from "drizzle-orm/batch";
import { checkRuns, checkSuites } from "../../db/schema";
import { parseOrFail } from "./parse-or-fail";
import { checkRunSchema, checkSuiteSchema } from "./payload-schemas";
import { ensurePullRequest } from "./normalize-pull-request";
import type { Normalizer, RunTrigger } from "./types";
import { upsertRepository } from "./upsert-repository";

const failed = new Set(["failure", "timed_out", "startup_failure"]);

export const normalizeCheckSuite: Normalizer = (ctx, payload) => {
  const { repo, statements: repoStatements } = upsertRepository(ctx.db, payload);
  const suite = parseOrFail(checkSuiteSchema, payload.check_suite, "check_suite");
  const values = {
    id: suite.id,
    repositoryId: repo.id,
    headSha: suite.head_sha,
    headBranch: suite.head_branch ?? null,
    status: suite.status ?? null,
    conclusion: suite.conclusion ?? null,
    appSlug: suite.app?.slug ?? null,
    createdAt: suite.created_at ?? null,
    updatedAt: suite.updated_at ?? null,
  };
  const statements: BatchItem<"sqlite">[] = [...repoStatements, ctx.db.insert(checkSuites).values(values).onConflictDoUpdate({ target: checkSuites.id, set: values })];
  const triggers: RunTrigger[] = [];
  if (ctx.action === "completed" && failed.has(suite.conclusion ?? "")) {
    for (const ref of suite.pull_requests) {
      statements.push(ensurePullRequest(ctx.db, repo.id, ref));
      triggers.push({ repositoryId: repo.id, prNumber: ref.number, headSha: ref.head.sha, trigger: "check_suite.completed" });
    }
  }
  return { statements, triggers };
};

export const normalizeCheckRun: Normalizer = (ctx, payload) => {
  const { repo, statements: repoStatements } = upsertRepository(ctx.db, payload);
  const run = parseOrFail(checkRunSchema, payload.check_run, "check_run");
  const values = {
    id: run.id,
    repositoryId: repo.id,
    checkSuiteId: run.check_suite?.id ?? null,
    name: run.name,
    headSha: run.head_sha,
    status: run.status ?? null,
    conclusion: run.conclusion ?? null,
    htmlUrl: run.html_url ?? null,
    detailsUrl: run.details_url ?? null,
    startedAt: run.started_at ?? null,
    completedAt: run.completed_at ?? null,
  };
  // A failed check run alone does not start a run: its suite's completion does, once, for all of them.
  return { statements: [...repoStatements, ctx.db.insert(checkRuns).values(values).onConflictDoUpdate({ target: checkRuns.id, set: values })], triggers: [] };
};
