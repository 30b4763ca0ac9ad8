import { END, START, StateGraph } from "@langchain/langgraph";
import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import type { NodeDeps, WorkflowNode } from "./node";
import { actions } from "./nodes/actions";
import { approval } from "./nodes/approval";
import { ciLogs } from "./nodes/ci-logs";
import { memo } from "./nodes/memo";
import { patch } from "./nodes/patch";
import { policyGate } from "./nodes/policy-gate";
import { prContext } from "./nodes/pr-context";
import { rolloutPlan } from "./nodes/rollout-plan";
import { sloTelemetry } from "./nodes/slo-telemetry";
import { testSelection } from "./nodes/test-selection";
import { triage } from "./nodes/triage";
import { WorkflowState, type NodeName, type WorkflowStateType } from "./state";

/** Hooks the Durable Object gives the graph: events for viewers, and a cancellation check between nodes. */
export type WorkflowHooks = {
  nodeStarted(node: NodeName): void | Promise<void>;
  nodeFinished(node: NodeName, summary: string, durationMs: number): void | Promise<void>;
  nodeFailed(node: NodeName, error: string, durationMs: number): void | Promise<void>;
};

const registry: Record<NodeName, WorkflowNode<unknown>> = {
  prContext, ciLogs, triage, testSelection, patch, sloTelemetry, rolloutPlan, policyGate, approval, memo, actions,
};

/**
 * The PR workflow: ten nodes in order, with the policy gate's conditional edge to a human approval.
 * Each node's output lands in its own state key, checkpointed after every step.
 */
export function buildWorkflow(deps: NodeDeps, hooks: WorkflowHooks, checkpointer: BaseCheckpointSaver) {
  const wrap = (name: NodeName) => async (state: WorkflowStateType) => {
    const started = Date.now();
    try {
      await hooks.nodeStarted(name);
      const { output, summary } = await registry[name](state, deps);
      await hooks.nodeFinished(name, summary, Date.now() - started);
      return { results: { [name]: output } };
    } catch (error) {
      // interrupt() works by throwing: it is a pause, not a failure.
      if ((error as { name?: string }).name !== "GraphInterrupt") await hooks.nodeFailed(name, String(error), Date.now() - started);
      throw error;
    }
  };
  return new StateGraph(WorkflowState)
    .addNode("prContext", wrap("prContext"))
    .addNode("ciLogs", wrap("ciLogs"))
    .addNode("triage", wrap("triage"))
    .addNode("testSelection", wrap("testSelection"))
    .addNode("patch", wrap("patch"))
    .addNode("sloTelemetry", wrap("sloTelemetry"))
    .addNode("rolloutPlan", wrap("rolloutPlan"))
    .addNode("policyGate", wrap("policyGate"))
    .addNode("approval", wrap("approval"))
    .addNode("memo", wrap("memo"))
    .addNode("actions", wrap("actions"))
    .addEdge(START, "prContext")
    .addEdge("prContext", "ciLogs")
    .addEdge("ciLogs", "triage")
    .addEdge("triage", "testSelection")
    .addEdge("testSelection", "patch")
    .addEdge("patch", "sloTelemetry")
    .addEdge("sloTelemetry", "rolloutPlan")
    .addEdge("rolloutPlan", "policyGate")
    .addConditionalEdges("policyGate", (state) => (state.results.policyGate?.verdict === "needs-approval" ? "approval" : "memo"), ["approval", "memo"])
    .addEdge("approval", "memo")
    .addEdge("memo", "actions")
    .addEdge("actions", END)
    .compile({ checkpointer });
}
