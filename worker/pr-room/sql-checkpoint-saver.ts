import type { RunnableConfig } from "@langchain/core/runnables";
import {
  BaseCheckpointSaver,
  type ChannelVersions,
  type Checkpoint,
  type CheckpointListOptions,
  type CheckpointMetadata,
  type CheckpointTuple,
  type PendingWrite,
  type SerializerProtocol,
  WRITES_IDX_MAP,
  compareWritesSortKeys,
  copyCheckpoint,
  getCheckpointId,
  writesSortKey,
} from "@langchain/langgraph-checkpoint";

type CheckpointRow = {
  thread_id: string;
  checkpoint_ns: string;
  checkpoint_id: string;
  parent_checkpoint_id: string | null;
  type: string;
  checkpoint: ArrayBuffer;
  metadata: ArrayBuffer;
};
type WriteRow = { task_id: string; idx: number; channel: string; type: string; value: ArrayBuffer; task_path: string };

/**
 * LangGraph checkpoints in a Durable Object's SQLite, in the shape of @langchain/langgraph-checkpoint-sqlite.
 * DO SQL is synchronous: rows are read completely before any await, and multi-row writes use transactionSync.
 */
export class SqlCheckpointSaver extends BaseCheckpointSaver {
  constructor(
    private readonly storage: DurableObjectStorage,
    serde?: SerializerProtocol,
  ) {
    super(serde);
    storage.sql.exec(`CREATE TABLE IF NOT EXISTS checkpoints (
      thread_id TEXT NOT NULL, checkpoint_ns TEXT NOT NULL DEFAULT '', checkpoint_id TEXT NOT NULL,
      parent_checkpoint_id TEXT, type TEXT NOT NULL, checkpoint BLOB NOT NULL, metadata BLOB NOT NULL,
      created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
      PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id))`);
    storage.sql.exec(`CREATE TABLE IF NOT EXISTS checkpoint_writes (
      thread_id TEXT NOT NULL, checkpoint_ns TEXT NOT NULL DEFAULT '', checkpoint_id TEXT NOT NULL,
      task_id TEXT NOT NULL, idx INTEGER NOT NULL, channel TEXT NOT NULL, type TEXT NOT NULL, value BLOB NOT NULL,
      task_path TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (thread_id, checkpoint_ns, checkpoint_id, task_id, idx))`);
  }

  private get sql() {
    return this.storage.sql;
  }

  async getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    const threadId = config.configurable?.thread_id as string | undefined;
    if (threadId === undefined) return undefined;
    const ns = (config.configurable?.checkpoint_ns as string | undefined) ?? "";
    const checkpointId = getCheckpointId(config);
    const rows = checkpointId
      ? this.sql.exec<CheckpointRow>(
          `SELECT * FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id = ?`, threadId, ns, checkpointId).toArray()
      : this.sql.exec<CheckpointRow>(
          `SELECT * FROM checkpoints WHERE thread_id = ? AND checkpoint_ns = ? ORDER BY checkpoint_id DESC LIMIT 1`, threadId, ns).toArray();
    const row = rows[0];
    return row ? this.toTuple(row) : undefined;
  }

  async *list(config: RunnableConfig, options?: CheckpointListOptions): AsyncGenerator<CheckpointTuple> {
    const { before, limit, filter } = options ?? {};
    const clauses: string[] = [];
    const args: (string | number)[] = [];
    const threadId = config.configurable?.thread_id as string | undefined;
    const ns = config.configurable?.checkpoint_ns as string | undefined;
    const checkpointId = config.configurable?.checkpoint_id as string | undefined;
    if (threadId !== undefined) (clauses.push("thread_id = ?"), args.push(threadId));
    if (ns !== undefined) (clauses.push("checkpoint_ns = ?"), args.push(ns));
    if (checkpointId) (clauses.push("checkpoint_id = ?"), args.push(checkpointId));
    if (before?.configurable?.checkpoint_id) (clauses.push("checkpoint_id < ?"), args.push(before.configurable.checkpoint_id as string));
    const where = clauses.length ? `WHERE ${clauses.join(" AND ")}` : "";
    const rows = this.sql.exec<CheckpointRow>(`SELECT * FROM checkpoints ${where} ORDER BY checkpoint_id DESC`, ...args).toArray();
    let remaining = limit ?? Number.POSITIVE_INFINITY;
    for (const row of rows) {
      if (remaining <= 0) break;
      const tuple = await this.toTuple(row);
      if (filter && !Object.entries(filter).every(([k, v]) => (tuple.metadata as Record<string, unknown> | undefined)?.[k] === v)) continue;
      remaining--;
      yield tuple;
    }
  }

  async put(config: RunnableConfig, checkpoint: Checkpoint, metadata: CheckpointMetadata, _newVersions: ChannelVersions): Promise<RunnableConfig> {
    const threadId = config.configurable?.thread_id as string | undefined;
    if (threadId === undefined) throw new Error("fixforward: checkpoint put without configurable.thread_id");
    const ns = (config.configurable?.checkpoint_ns as string | undefined) ?? "";
    const [[type, serialized], [, serializedMetadata]] = await Promise.all([
      this.serde.dumpsTyped(copyCheckpoint(checkpoint)),
      this.serde.dumpsTyped(metadata),
    ]);
    this.sql.exec(
      `INSERT OR REPLACE INTO checkpoints (thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, type, checkpoint, metadata)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      threadId, ns, checkpoint.id, (config.configurable?.checkpoint_id as string | undefined) ?? null, type, serialized, serializedMetadata,
    );
    return { configurable: { thread_id: threadId, checkpoint_ns: ns, checkpoint_id: checkpoint.id } };
  }

  async putWrites(config: RunnableConfig, writes: PendingWrite[], taskId: string, taskPath = ""): Promise<void> {
    const threadId = config.configurable?.thread_id as string | undefined;
    const ns = (config.configurable?.checkpoint_ns as string | undefined) ?? "";
    const checkpointId = config.configurable?.checkpoint_id as string | undefined;
    if (threadId === undefined || checkpointId === undefined) {
      throw new Error("fixforward: checkpoint putWrites needs configurable.thread_id and checkpoint_id");
    }
    const serialized = await Promise.all(writes.map(async ([channel, value]) => [channel, await this.serde.dumpsTyped(value)] as const));
    this.storage.transactionSync(() => {
      serialized.forEach(([channel, [type, value]], idx) => {
        const index = WRITES_IDX_MAP[channel] ?? idx;
        // Special channels (negative index) replace; regular writes keep the first one, as in the reference savers.
        const verb = index < 0 ? "INSERT OR REPLACE" : "INSERT OR IGNORE";
        this.sql.exec(
          `${verb} INTO checkpoint_writes (thread_id, checkpoint_ns, checkpoint_id, task_id, idx, channel, type, value, task_path)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          threadId, ns, checkpointId, taskId, index, channel, type, value, taskPath,
        );
      });
    });
  }

  async deleteThread(threadId: string): Promise<void> {
    this.storage.transactionSync(() => {
      this.sql.exec(`DELETE FROM checkpoints WHERE thread_id = ?`, threadId);
      this.sql.exec(`DELETE FROM checkpoint_writes WHERE thread_id = ?`, threadId);
    });
  }

  /** For the API: how many checkpoints a run has and which node wrote the latest. */
  summary(threadId: string): { count: number; latest: { id: string; createdAt: string; step: number | null; source: string | null } | null } {
    const count = this.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM checkpoints WHERE thread_id = ?`, threadId).one().n;
    const rows = this.sql
      .exec<{ checkpoint_id: string; created_at: string; metadata: ArrayBuffer }>(
        `SELECT checkpoint_id, created_at, metadata FROM checkpoints WHERE thread_id = ? ORDER BY checkpoint_id DESC LIMIT 1`, threadId)
      .toArray();
    const row = rows[0];
    if (!row) return { count, latest: null };
    let step: number | null = null;
    let source: string | null = null;
    try {
      const meta = JSON.parse(new TextDecoder().decode(row.metadata)) as { step?: number; source?: string };
      step = meta.step ?? null;
      source = meta.source ?? null;
    } catch {
      // metadata of another serialiser type: the id and time are still useful
    }
    return { count, latest: { id: row.checkpoint_id, createdAt: row.created_at, step, source } };
  }

  private async toTuple(row: CheckpointRow): Promise<CheckpointTuple> {
    const writeRows = this.sql
      .exec<WriteRow>(
        `SELECT task_id, idx, channel, type, value, task_path FROM checkpoint_writes
         WHERE thread_id = ? AND checkpoint_ns = ? AND checkpoint_id = ?`, row.thread_id, row.checkpoint_ns, row.checkpoint_id)
      .toArray();
    writeRows.sort((a, b) => compareWritesSortKeys(writesSortKey(a.task_path, a.task_id, a.idx), writesSortKey(b.task_path, b.task_id, b.idx)));
    const pendingWrites = await Promise.all(
      writeRows.map(async (w) => [w.task_id, w.channel, await this.serde.loadsTyped(w.type, new Uint8Array(w.value))] as [string, string, unknown]),
    );
    const tuple: CheckpointTuple = {
      config: { configurable: { thread_id: row.thread_id, checkpoint_ns: row.checkpoint_ns, checkpoint_id: row.checkpoint_id } },
      checkpoint: (await this.serde.loadsTyped(row.type, new Uint8Array(row.checkpoint))) as Checkpoint,
      metadata: (await this.serde.loadsTyped(row.type, new Uint8Array(row.metadata))) as CheckpointMetadata,
      pendingWrites,
    };
    if (row.parent_checkpoint_id) {
      tuple.parentConfig = { configurable: { thread_id: row.thread_id, checkpoint_ns: row.checkpoint_ns, checkpoint_id: row.parent_checkpoint_id } };
    }
    return tuple;
  }
}
