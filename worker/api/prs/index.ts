import { desc, eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { z } from "zod";
import { openDb } from "../../db";
import { agentRuns } from "../../db/schema";
import type { Env } from "../../env";
import { apiError } from "../../errors";
import { createAgentRun, prRoom } from "../../runs/create-agent-run";
import { idParamSchema } from "../id-param";
import { paginationSchema } from "../pagination";
import { parseInput, readJsonBody } from "../parse-input";
import { getPullRequest, listPullRequests, prRoomKey } from "./queries";
import { serveRoomStream } from "../stream/serve-room-stream";

const listQuery = paginationSchema.extend({
  repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/, "must be owner/name").optional(),
  state: z.enum(["open", "closed", "all"]).default("open"),
  verdict: z.enum(["allow", "needs-approval", "deny", "inconclusive"]).optional(),
});
const runRequest = z.object({ headSha: z.string().regex(/^[0-9a-f]{7,64}$/).optional(), requestId: z.string().min(1).max(100).optional() }).strict();

export const prs = new Hono<{ Bindings: Env }>()
  .get("/", async (c) => {
    const q = parseInput(c, listQuery, c.req.query(), "query");
    if (!q.ok) return q.response;
    const { page, perPage, ...filter } = q.data;
    return c.json(await listPullRequests(openDb(c.env.DB), filter, { page, perPage }));
  })
  .get("/:id", async (c) => {
    const p = parseInput(c, idParamSchema, c.req.param(), "path");
    if (!p.ok) return p.response;
    const found = await getPullRequest(openDb(c.env.DB), p.data.id);
    return found ? c.json(found) : apiError(c, 404, "not_found", `pull request ${p.data.id} not found`);
  })
  .get("/:id/agent-runs", async (c) => {
    const p = parseInput(c, idParamSchema, c.req.param(), "path");
    if (!p.ok) return p.response;
    const db = openDb(c.env.DB);
    if (!(await prRoomKey(db, p.data.id))) return apiError(c, 404, "not_found", `pull request ${p.data.id} not found`);
    const runs = await db.select().from(agentRuns).where(eq(agentRuns.pullRequestId, p.data.id)).orderBy(desc(agentRuns.id)).limit(100).all();
    return c.json({ agentRuns: runs });
  })
  .get("/:id/stream", async (c) => {
    const p = parseInput(c, idParamSchema, c.req.param(), "path");
    if (!p.ok) return p.response;
    const key = await prRoomKey(openDb(c.env.DB), p.data.id);
    if (!key) return apiError(c, 404, "not_found", `pull request ${p.data.id} not found`);
    return serveRoomStream(c.env, prRoom(c.env, key.fullName, key.number), c.req.raw);
  })
  .post("/:id/orchestrate", (c) => startRun(c, "orchestrate"))
  .post("/:id/fix-forward", (c) => startRun(c, "fix-forward"));

async function startRun(c: Context<{ Bindings: Env }>, mode: "orchestrate" | "fix-forward") {
  const p = parseInput(c, idParamSchema, c.req.param(), "path");
  if (!p.ok) return p.response;
  const body = parseInput(c, runRequest, await readJsonBody(c), "body");
  if (!body.ok) return body.response;
  // A client-supplied request id makes the POST idempotent; without one every POST is a new run.
  const triggerKey = `manual:${p.data.id}:${body.data.requestId ?? crypto.randomUUID()}`;
  const run = await createAgentRun(c.env, {
    prId: p.data.id, triggerKey, trigger: `manual:${mode}`, mode,
    ...(body.data.headSha ? { headSha: body.data.headSha } : {}),
  });
  if (!run) return apiError(c, 404, "not_found", `pull request ${p.data.id} not found`);
  return c.json({ agentRunId: run.runId, status: run.status, created: run.created }, 202);
}
