import type { Db } from "../db";
import type { Env } from "../env";
import type { NodeName, WorkflowStateType } from "./state";

/** What every node gets besides the state: bindings at the edge, injected so nodes stay testable. */
export type NodeDeps = {
  env: Env;
  db: Db;
  /** Progress inside a node (e.g. "triaged job 2/3"), shown live on the run viewer. */
  progress(node: NodeName, summary: string, data?: Record<string, unknown>): void;
};

export type NodeResult<T> = { output: T; summary: string };

export type WorkflowNode<T> = (state: WorkflowStateType, deps: NodeDeps) => Promise<NodeResult<T>>;
