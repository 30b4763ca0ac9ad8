import { Annotation } from "@langchain/langgraph";

/** What a run starts from; everything else is derived by the nodes. */
export type RunInput = {
  runId: number;
  prId: number;
  headSha: string;
  mode: "orchestrate" | "fix-forward";
  trigger: string;
  protectionRuleDeliveryId?: string;
};

/** Sections a node could not produce say why, so the memo can too. */
export type Unavailable = { status: "unavailable" | "skipped"; reason: string };

export const nodeNames = [
  "prContext",
  "ciLogs",
  "triage",
  "testSelection",
  "patch",
  "sloTelemetry",
  "rolloutPlan",
  "policyGate",
  "memo",
  "actions",
] as const;
export type NodeName = (typeof nodeNames)[number] | "approval";

/** Each node's output under its own name; merged, so a node only ever writes its own section. */
export type Results = {
  prContext?: Record<string, unknown>;
  ciLogs?: Record<string, unknown>;
  triage?: Record<string, unknown>;
  testSelection?: Record<string, unknown>;
  patch?: Record<string, unknown>;
  sloTelemetry?: Record<string, unknown>;
  rolloutPlan?: Record<string, unknown>;
  policyGate?: { verdict: "allow" | "needs-approval" | "deny"; reasons: { code: string; message: string }[] } & Record<string, unknown>;
  approval?: { approved: boolean; by: string | null; reason: string | null; at: string };
  memo?: { markdown: string } & Record<string, unknown>;
  actions?: Record<string, unknown>;
};

export const WorkflowState = Annotation.Root({
  input: Annotation<RunInput>,
  results: Annotation<Results>({ reducer: (current, update) => ({ ...current, ...update }), default: () => ({}) }),
});
export type WorkflowStateType = typeof WorkflowState.State;
