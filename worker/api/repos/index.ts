import { desc, eq, sql } from "drizzle-orm";
import { Hono } from "hono";
import { openDb } from "../../db";
import { pullRequests, repositories } from "../../db/schema";
import type { Env } from "../../env";

export const repos = new Hono<{ Bindings: Env }>().get("/", async (c) => {
  const db = openDb(c.env.DB);
  const rows = await db
    .select({
      id: repositories.id,
      fullName: repositories.fullName,
      owner: repositories.owner,
      name: repositories.name,
      private: repositories.private,
      defaultBranch: repositories.defaultBranch,
      htmlUrl: repositories.htmlUrl,
      openPullRequests: sql<number>`count(case when ${pullRequests.state} = 'open' then 1 end)`,
      lastActivityAt: sql<string | null>`max(coalesce(${pullRequests.updatedAt}, ${repositories.updatedAt}))`,
    })
    .from(repositories)
    .leftJoin(pullRequests, eq(pullRequests.repositoryId, repositories.id))
    .groupBy(repositories.id)
    .orderBy(desc(sql`max(coalesce(${pullRequests.updatedAt}, ${repositories.updatedAt}))`))
    .all();
  return c.json({ repositories: rows });
});
