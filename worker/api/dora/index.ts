import { and, eq, gte, inArray, isNotNull } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { openDb } from "../../db";
import { deploymentStatuses, deployments, pullRequests } from "../../db/schema";
import { computeDora } from "../../dora";
import type { Env } from "../../env";
import { parseInput } from "../parse-input";

const query = z.object({ days: z.coerce.number().int().min(1).max(365).default(30), environment: z.string().max(100).optional(), repo: z.coerce.number().int().optional() });

/** `GET /dora`: deployment frequency, lead time, change failure rate and recovery time from D1. */
export const dora = new Hono<{ Bindings: Env }>().get("/", async (c) => {
  const q = parseInput(c, query, c.req.query(), "query");
  if (!q.ok) return q.response;
  const db = openDb(c.env.DB);
  const since = new Date(Date.now() - q.data.days * 86_400_000).toISOString();
  const deps = await db.select().from(deployments).where(and(gte(deployments.createdAt, since), q.data.repo ? eq(deployments.repositoryId, q.data.repo) : undefined)).all();
  const statuses = deps.length ? await db.select().from(deploymentStatuses).where(inArray(deploymentStatuses.deploymentId, deps.map((d) => d.id).slice(0, 90))).all() : [];
  const merged = await db.select({ createdAt: pullRequests.createdAt, mergedAt: pullRequests.mergedAt }).from(pullRequests)
    .where(and(isNotNull(pullRequests.mergedAt), gte(pullRequests.mergedAt, since), q.data.repo ? eq(pullRequests.repositoryId, q.data.repo) : undefined)).all();
  return c.json(computeDora({
    now: new Date(), days: q.data.days, ...(q.data.environment ? { environment: q.data.environment } : {}),
    deployments: deps.map((d) => ({ id: d.id, environment: d.environment, createdAt: d.createdAt ?? since, statuses: statuses.filter((s) => s.deploymentId === d.id).map((s) => ({ state: s.state, createdAt: s.createdAt ?? d.createdAt ?? since })) })),
    mergedPrs: merged.map((p) => ({ createdAt: p.createdAt, mergedAt: p.mergedAt! })),
  }));
});
