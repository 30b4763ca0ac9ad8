import { eq } from "drizzle-orm";
import { pullRequests, repositories } from "../../db/schema";
import type { WorkflowNode } from "../node";

export type PrContext = {
  repository: string;
  owner: string;
  repo: string;
  installationId: number | null;
  defaultBranch: string | null;
  number: number;
  title: string;
  author: string | null;
  headSha: string;
  headRef: string;
  baseRef: string;
  htmlUrl: string | null;
  additions: number | null;
  deletions: number | null;
  changedFiles: number | null;
  files: { path: string; status?: string; additions?: number; deletions?: number; patch?: string }[];
  source: "d1";
};

/** Node 1: the pull request as D1 knows it from its webhooks. */
export const prContext: WorkflowNode<PrContext> = async (state, { db }) => {
  const row = await db
    .select({ pr: pullRequests, repo: repositories })
    .from(pullRequests)
    .innerJoin(repositories, eq(repositories.id, pullRequests.repositoryId))
    .where(eq(pullRequests.id, state.input.prId))
    .get();
  if (!row) throw new Error(`fixforward: pull request ${state.input.prId} not found in D1`);
  const { pr, repo } = row;
  const output: PrContext = {
    repository: repo.fullName,
    owner: repo.owner,
    repo: repo.name,
    installationId: repo.installationId,
    defaultBranch: repo.defaultBranch,
    number: pr.number,
    title: pr.title,
    author: pr.author,
    headSha: state.input.headSha,
    headRef: pr.headRef,
    baseRef: pr.baseRef,
    htmlUrl: pr.htmlUrl,
    additions: pr.additions,
    deletions: pr.deletions,
    changedFiles: pr.changedFiles,
    files: [],
    source: "d1",
  };
  return { output, summary: `${repo.fullName}#${pr.number} “${pr.title}” at ${state.input.headSha.slice(0, 7)}` };
};
