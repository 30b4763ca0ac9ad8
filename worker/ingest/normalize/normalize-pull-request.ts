import { sql } from "drizzle-orm";
import { pullRequests } from "../../db/schema";
import type { Db } from "../../db";
import { parseOrFail } from "./parse-or-fail";
import { pullRequestSchema, type prReferenceSchema } from "./payload-schemas";
import type { Normalizer } from "./types";
import { upsertRepository } from "./upsert-repository";
import type { z } from "zod";

// Actions after which the code to judge changed (or became ready): each starts a run.
const runActions = new Set(["opened", "synchronize", "reopened", "ready_for_review"]);

export const normalizePullRequest: Normalizer = (ctx, payload) => {
  const { repo, statements: repoStatements } = upsertRepository(ctx.db, payload);
  const pr = parseOrFail(pullRequestSchema, payload.pull_request, "pull_request");
  const values = {
    githubId: pr.id,
    repositoryId: repo.id,
    number: pr.number,
    title: pr.title,
    author: pr.user?.login ?? null,
    headSha: pr.head.sha,
    headRef: pr.head.ref,
    baseSha: pr.base.sha,
    baseRef: pr.base.ref,
    state: pr.state,
    draft: pr.draft ?? false,
    merged: pr.merged ?? Boolean(pr.merged_at),
    mergedAt: pr.merged_at ?? null,
    htmlUrl: pr.html_url ?? null,
    additions: pr.additions ?? null,
    deletions: pr.deletions ?? null,
    changedFiles: pr.changed_files ?? null,
    createdAt: pr.created_at ?? null,
    updatedAt: pr.updated_at,
  };
  const upsert = ctx.db
    .insert(pullRequests)
    .values(values)
    .onConflictDoUpdate({
      target: [pullRequests.repositoryId, pullRequests.number],
      set: values,
      // Deliveries can arrive out of order: never let an older event overwrite a newer state.
      setWhere: sql`excluded.updated_at >= ${pullRequests.updatedAt}`,
    });
  const wantsRun = runActions.has(ctx.action ?? "") && pr.state === "open" && !(pr.draft ?? false);
  return {
    statements: [...repoStatements, upsert],
    triggers: wantsRun
      ? [{ repositoryId: repo.id, prNumber: pr.number, headSha: pr.head.sha, trigger: `pull_request.${ctx.action}` }]
      : [],
  };
};

/**
 * Check suites, workflow runs and protection rules only carry a PR reference; make sure a row exists
 * (title filled in later by the pull_request event or the PR-context node) and keep its head current.
 */
export function ensurePullRequest(db: Db, repositoryId: number, ref: z.infer<typeof prReferenceSchema>) {
  const now = new Date().toISOString();
  return db
    .insert(pullRequests)
    .values({
      githubId: 0,
      repositoryId,
      number: ref.number,
      title: `#${ref.number}`,
      headSha: ref.head.sha,
      headRef: ref.head.ref,
      baseSha: ref.base.sha,
      baseRef: ref.base.ref,
      state: "open",
      updatedAt: now,
    })
    .onConflictDoNothing();
}
