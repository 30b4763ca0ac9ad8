import { Command } from "@langchain/langgraph";
import { DurableObject } from "cloudflare:workers";
import { openDb } from "../db";
import type { Env } from "../env";
import { closeSocket, EventLog, hibernatableSockets, type LoggedEvent } from "../event-log";
import type { ApprovalDecision } from "../workflow/nodes/approval";
import { buildWorkflow } from "../workflow/build-workflow";
import type { NodeName, RunInput } from "../workflow/state";
import { RunRecorder } from "./run-recorder";
import { SqlCheckpointSaver } from "./sql-checkpoint-saver";

export type RoomJob = RunInput & { prKey: string; faultBeforeNode?: string };

type JobRow = {
  run_id: number;
  job: string;
  state: "queued" | "running" | "waiting" | "resuming" | "done";
  decision: string | null;
  cancel: number;
  attempts: number;
  fault_before: string | null;
};

const MAX_ATTEMPTS = 4;

class RunCancelled extends Error {
  constructor(reason: string) {
    super(`fixforward: run cancelled: ${reason}`);
  }
}

/**
 * One per pull request (`idFromName("owner/repo#number")`): serialises its runs, executes the
 * workflow with checkpoints in this object's SQLite, and fans run events out over SSE.
 */
export class PrRoom extends DurableObject<Env> {
  private readonly log: EventLog;
  private readonly saver: SqlCheckpointSaver;
  private readonly recorder: RunRecorder;
  private draining = false;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.log = new EventLog(ctx.storage.sql, undefined, hibernatableSockets(ctx));
    this.saver = new SqlCheckpointSaver(ctx.storage);
    this.recorder = new RunRecorder(env);
    ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS run_jobs (
      run_id INTEGER PRIMARY KEY, job TEXT NOT NULL, head_sha TEXT NOT NULL, state TEXT NOT NULL,
      decision TEXT, cancel INTEGER NOT NULL DEFAULT 0, attempts INTEGER NOT NULL DEFAULT 0, fault_before TEXT)`);
  }

  /** Queues a run (idempotent per run id); a newer head SHA supersedes older runs not yet finished. */
  async enqueue(job: RoomJob): Promise<{ queued: boolean }> {
    const fault = this.env.FAULT_INJECT_DELIVERY_PREFIX ? (job.faultBeforeNode ?? null) : null;
    const inserted = this.ctx.storage.sql
      .exec(`INSERT OR IGNORE INTO run_jobs (run_id, job, head_sha, state, fault_before) VALUES (?, ?, ?, 'queued', ?) RETURNING run_id`,
        job.runId, JSON.stringify(job), job.headSha, fault)
      .toArray().length > 0;
    if (inserted) {
      this.emit("run.queued", { runId: job.runId, summary: `run ${job.runId} queued (${job.trigger}) for ${job.headSha.slice(0, 7)}` });
      await this.supersedeOlder(job);
    }
    await this.schedule(0);
    return { queued: inserted };
  }

  /** The gate's human decision; resumes the suspended run through Command({ resume }). */
  async decide(runId: number, decision: ApprovalDecision): Promise<{ ok: true } | { ok: false; state: string | null }> {
    const row = this.job(runId);
    if (!row || row.state !== "waiting") return { ok: false, state: row?.state ?? null };
    this.ctx.storage.sql.exec(`UPDATE run_jobs SET state = 'resuming', decision = ? WHERE run_id = ?`, JSON.stringify(decision), runId);
    await this.recorder.decided(runId, decision);
    this.emit("run.resumed", { runId, summary: `${decision.approved ? "approved" : "rejected"}${decision.by ? ` by ${decision.by}` : ""}`, decision });
    await this.schedule(0);
    return { ok: true };
  }

  events(runId?: number): LoggedEvent[] {
    return this.log.since(0, runId === undefined ? undefined : (e) => e.data.runId === runId, 5_000);
  }

  checkpoints(runId: number) {
    return this.saver.summary(String(runId));
  }

  override async fetch(request: Request): Promise<Response> {
    return this.log.stream(request);
  }

  override async webSocketClose(socket: WebSocket, code: number): Promise<void> {
    closeSocket(socket, code);
  }

  override async alarm(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (;;) {
        const next = this.ctx.storage.sql
          .exec<JobRow>(`SELECT * FROM run_jobs WHERE state IN ('queued', 'resuming') ORDER BY run_id LIMIT 1`).toArray()[0];
        if (!next) break;
        const retryIn = await this.execute(next);
        if (retryIn !== null) {
          await this.schedule(retryIn);
          break;
        }
      }
    } finally {
      this.draining = false;
    }
  }

  /** Runs (or resumes) one job; returns a delay in ms when it should be retried later. */
  private async execute(row: JobRow): Promise<number | null> {
    const job = JSON.parse(row.job) as RoomJob;
    const runId = job.runId;
    const sql = this.ctx.storage.sql;
    sql.exec(`UPDATE run_jobs SET state = 'running', attempts = attempts + 1 WHERE run_id = ?`, runId);
    const db = openDb(this.env.DB);
    const config = { configurable: { thread_id: String(runId) } };
    const hooks = {
      nodeStarted: async (node: NodeName) => {
        const current = this.job(runId);
        if (current?.cancel) throw new RunCancelled("superseded by a newer head SHA");
        if (current?.fault_before === node) {
          sql.exec(`UPDATE run_jobs SET fault_before = NULL WHERE run_id = ?`, runId);
          throw new Error(`fixforward: injected crash before node ${node}`);
        }
        await this.recorder.nodeStarted(runId, node);
        this.emit("node.started", { runId, node, summary: `${node} started` });
      },
      nodeFinished: (node: NodeName, summary: string, durationMs: number) => {
        if (node === "approval") sql.exec(`UPDATE run_jobs SET decision = NULL WHERE run_id = ?`, runId);
        this.emit("node.finished", { runId, node, summary, durationMs });
      },
      nodeFailed: (node: NodeName, error: string, durationMs: number) => {
        this.emit("node.failed", { runId, node, summary: error, durationMs });
      },
    };
    const progress = (node: NodeName, summary: string, data?: Record<string, unknown>) => this.emit("node.progress", { runId, node, summary, ...(data ? { data } : {}) });
    const graph = buildWorkflow({ env: this.env, db, progress }, hooks, this.saver);
    try {
      if (!(await this.recorder.started(runId))) {
        sql.exec(`UPDATE run_jobs SET state = 'done' WHERE run_id = ?`, runId);
        return null; // superseded or cancelled while queued
      }
      const snapshot = await graph.getState(config);
      const checkpointId = snapshot.config?.configurable?.checkpoint_id as string | undefined;
      let input: Command | null | { input: RunInput };
      if (row.decision) {
        input = new Command({ resume: JSON.parse(row.decision) as ApprovalDecision });
      } else if (checkpointId && snapshot.next.length > 0) {
        input = null;
        this.emit("run.resumed", { runId, summary: `resumed from checkpoint ${checkpointId} before ${snapshot.next.join(", ")}`, checkpointId, next: snapshot.next });
      } else if (checkpointId) {
        input = null; // finished graph whose result was not recorded yet: fall through to recording
      } else {
        const { prKey: _k, faultBeforeNode: _f, ...runInput } = job;
        input = { input: runInput };
        this.emit("run.started", { runId, summary: `run ${runId} started (${job.trigger})` });
      }
      if (input !== null || snapshot.next.length > 0) await graph.invoke(input as Parameters<typeof graph.invoke>[0], config);
      const after = await graph.getState(config);
      if (after.next.length > 0 && after.tasks.some((t) => t.interrupts.length > 0)) {
        sql.exec(`UPDATE run_jobs SET state = 'waiting' WHERE run_id = ?`, runId);
        await this.recorder.waiting(runId, after.values);
        this.emit("run.waiting_approval", { runId, node: "approval", summary: "waiting for a person to approve or reject" });
        return null;
      }
      sql.exec(`UPDATE run_jobs SET state = 'done' WHERE run_id = ?`, runId);
      const verdict = await this.recorder.succeeded(runId, job.prId, after.values);
      this.emit("run.finished", { runId, summary: `run ${runId} finished: ${verdict ?? "no verdict"}`, verdict });
      return null;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof RunCancelled) {
        sql.exec(`UPDATE run_jobs SET state = 'done' WHERE run_id = ?`, runId);
        await this.recorder.finishedAs(runId, "superseded", message);
        this.emit("run.superseded", { runId, summary: message });
        return null;
      }
      const attempts = this.job(runId)?.attempts ?? MAX_ATTEMPTS;
      if (attempts < MAX_ATTEMPTS) {
        sql.exec(`UPDATE run_jobs SET state = 'queued' WHERE run_id = ?`, runId);
        const delay = Number(this.env.QUEUE_RETRY_BASE_SECONDS ?? "2") * 1000 * 2 ** (attempts - 1);
        await this.recorder.retrying(runId, message);
        this.emit("run.retrying", { runId, summary: `attempt ${attempts} failed (${message}); resuming from the last checkpoint`, attempt: attempts });
        return delay;
      }
      sql.exec(`UPDATE run_jobs SET state = 'done' WHERE run_id = ?`, runId);
      await this.recorder.finishedAs(runId, "failed", message);
      this.emit("run.failed", { runId, summary: message });
      return null;
    }
  }

  private async supersedeOlder(job: RoomJob): Promise<void> {
    const older = this.ctx.storage.sql
      .exec<{ run_id: number; state: string }>(
        `SELECT run_id, state FROM run_jobs WHERE run_id != ? AND head_sha != ? AND state IN ('queued', 'waiting', 'resuming', 'running')`,
        job.runId, job.headSha)
      .toArray();
    for (const { run_id, state } of older) {
      if (state === "running") {
        // Stopped at its next node boundary, so its checkpoint stays consistent.
        this.ctx.storage.sql.exec(`UPDATE run_jobs SET cancel = 1 WHERE run_id = ?`, run_id);
        continue;
      }
      this.ctx.storage.sql.exec(`UPDATE run_jobs SET state = 'done' WHERE run_id = ?`, run_id);
      await this.recorder.finishedAs(run_id, "superseded", `superseded by run ${job.runId} on ${job.headSha.slice(0, 7)}`);
      this.emit("run.superseded", { runId: run_id, summary: `superseded by run ${job.runId} on ${job.headSha.slice(0, 7)}` });
    }
  }

  private job(runId: number): JobRow | undefined {
    return this.ctx.storage.sql.exec<JobRow>(`SELECT * FROM run_jobs WHERE run_id = ?`, runId).toArray()[0];
  }

  private async schedule(delayMs: number): Promise<void> {
    const current = await this.ctx.storage.getAlarm();
    const at = Date.now() + delayMs;
    if (current === null || current > at) await this.ctx.storage.setAlarm(at);
  }

  private emit(type: string, data: Record<string, unknown>): void {
    this.log.append(type, data);
    if (!type.startsWith("run.")) return;
    // The overview needs to know which PR a run belongs to.
    const row = typeof data.runId === "number" ? this.job(data.runId) : undefined;
    const job = row ? (JSON.parse(row.job) as RoomJob) : undefined;
    this.ctx.waitUntil(this.recorder.activity(type, { ...data, ...(job ? { prId: job.prId, prKey: job.prKey, trigger: job.trigger } : {}) }));
  }
}
