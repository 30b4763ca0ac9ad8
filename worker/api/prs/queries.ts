import { and, count, desc, eq, inArray, type SQL } from "drizzle-orm";
import type { Db } from "../../db";
import { agentRuns, checkRuns, pullRequests, repositories } from "../../db/schema";
import type { Pagination } from "../pagination";
import { offsetOf } from "../pagination";

export type PrFilter = { repo?: string; state: "open" | "closed" | "all"; verdict?: string };

const prColumns = {
  id: pullRequests.id,
  repository: repositories.fullName,
  number: pullRequests.number,
  title: pullRequests.title,
  author: pullRequests.author,
  headSha: pullRequests.headSha,
  headRef: pullRequests.headRef,
  baseRef: pullRequests.baseRef,
  state: pullRequests.state,
  draft: pullRequests.draft,
  merged: pullRequests.merged,
  htmlUrl: pullRequests.htmlUrl,
  additions: pullRequests.additions,
  deletions: pullRequests.deletions,
  changedFiles: pullRequests.changedFiles,
  updatedAt: pullRequests.updatedAt,
  verdict: pullRequests.verdict,
};

export async function listPullRequests(db: Db, filter: PrFilter, page: Pagination) {
  const where: SQL[] = [];
  if (filter.repo) where.push(eq(repositories.fullName, filter.repo));
  if (filter.state !== "all") where.push(eq(pullRequests.state, filter.state));
  if (filter.verdict) where.push(eq(pullRequests.verdict, filter.verdict));
  const condition = where.length ? and(...where) : undefined;
  const [rows, [total]] = await Promise.all([
    db.select(prColumns).from(pullRequests).innerJoin(repositories, eq(repositories.id, pullRequests.repositoryId))
      .where(condition).orderBy(desc(pullRequests.updatedAt), desc(pullRequests.id)).limit(page.perPage).offset(offsetOf(page)).all(),
    db.select({ n: count() }).from(pullRequests).innerJoin(repositories, eq(repositories.id, pullRequests.repositoryId)).where(condition).all(),
  ]);
  const latest = await latestRuns(db, rows.map((r) => r.id));
  return { pullRequests: rows.map((r) => ({ ...r, latestRun: latest.get(r.id) ?? null })), page: page.page, perPage: page.perPage, total: total?.n ?? 0 };
}

export async function getPullRequest(db: Db, id: number) {
  const pr = await db.select(prColumns).from(pullRequests).innerJoin(repositories, eq(repositories.id, pullRequests.repositoryId))
    .where(eq(pullRequests.id, id)).get();
  if (!pr) return null;
  const [checks, latest] = await Promise.all([
    db.select({ id: checkRuns.id, name: checkRuns.name, status: checkRuns.status, conclusion: checkRuns.conclusion, htmlUrl: checkRuns.htmlUrl })
      .from(checkRuns).where(eq(checkRuns.headSha, pr.headSha)).all(),
    latestRuns(db, [pr.id]),
  ]);
  return { pullRequest: { ...pr, latestRun: latest.get(pr.id) ?? null }, checks };
}

async function latestRuns(db: Db, prIds: number[]) {
  const map = new Map<number, { id: number; status: string; currentNode: string | null; verdict: string | null }>();
  if (prIds.length === 0) return map;
  const rows = await db
    .select({ id: agentRuns.id, prId: agentRuns.pullRequestId, status: agentRuns.status, currentNode: agentRuns.currentNode, verdict: agentRuns.verdict })
    .from(agentRuns).where(inArray(agentRuns.pullRequestId, prIds)).orderBy(desc(agentRuns.id)).all();
  for (const r of rows) if (!map.has(r.prId)) map.set(r.prId, { id: r.id, status: r.status, currentNode: r.currentNode, verdict: r.verdict });
  return map;
}

export async function prRoomKey(db: Db, id: number) {
  return db.select({ fullName: repositories.fullName, number: pullRequests.number }).from(pullRequests)
    .innerJoin(repositories, eq(repositories.id, pullRequests.repositoryId)).where(eq(pullRequests.id, id)).get();
}
