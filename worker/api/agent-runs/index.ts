import { desc, eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { z } from "zod";
import { openDb } from "../../db";
import { actions, agentRuns } from "../../db/schema";
import type { Env } from "../../env";
import { apiError } from "../../errors";
import type { LoggedEvent } from "../../event-log";
import { prRoom } from "../../runs/create-agent-run";
import { idParamSchema } from "../id-param";
import { parseInput, readJsonBody } from "../parse-input";
import { prRoomKey } from "../prs/queries";

const decisionBody = z.object({ reason: z.string().max(2000).optional(), by: z.string().max(100).optional() }).strict();

export const runs = new Hono<{ Bindings: Env }>()
  .get("/:id", async (c) => {
    const p = parseInput(c, idParamSchema, c.req.param(), "path");
    if (!p.ok) return p.response;
    const db = openDb(c.env.DB);
    const run = await db.select().from(agentRuns).where(eq(agentRuns.id, p.data.id)).get();
    if (!run) return apiError(c, 404, "not_found", `agent run ${p.data.id} not found`);
    const key = await prRoomKey(db, run.pullRequestId);
    const room = key ? prRoom(c.env, key.fullName, key.number) : null;
    const [events, checkpoints, recorded] = await Promise.all([
      room ? room.events(run.id) : [],
      room ? room.checkpoints(run.id) : { count: 0, latest: null },
      db.select().from(actions).where(eq(actions.agentRunId, run.id)).orderBy(desc(actions.id)).all(),
    ]);
    const flat = (events as LoggedEvent[]).map((e) => ({ seq: e.seq, type: e.type, at: e.at, ...e.data }));
    return c.json({ agentRun: run, events: flat, checkpoints, actions: recorded });
  })
  .post("/:id/approve", (c) => decide(c, true))
  .post("/:id/reject", (c) => decide(c, false));

async function decide(c: Context<{ Bindings: Env }>, approved: boolean) {
  const p = parseInput(c, idParamSchema, c.req.param(), "path");
  if (!p.ok) return p.response;
  const body = parseInput(c, decisionBody, await readJsonBody(c), "body");
  if (!body.ok) return body.response;
  const db = openDb(c.env.DB);
  const run = await db.select().from(agentRuns).where(eq(agentRuns.id, p.data.id)).get();
  if (!run) return apiError(c, 404, "not_found", `agent run ${p.data.id} not found`);
  const key = await prRoomKey(db, run.pullRequestId);
  if (run.status !== "waiting_approval" || !key) {
    return apiError(c, 409, "not_waiting", `agent run ${run.id} is ${run.status}, not waiting for approval`);
  }
  const outcome = await prRoom(c.env, key.fullName, key.number).decide(run.id, {
    approved, by: body.data.by ?? null, reason: body.data.reason ?? null,
  });
  if (!outcome.ok) return apiError(c, 409, "not_waiting", `agent run ${run.id} is not waiting for approval (room state: ${outcome.state ?? "unknown"})`);
  const updated = await db.select().from(agentRuns).where(eq(agentRuns.id, run.id)).get();
  return c.json({ agentRun: updated });
}
