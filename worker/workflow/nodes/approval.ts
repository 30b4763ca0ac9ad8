import { interrupt } from "@langchain/langgraph";
import { z } from "zod";
import type { WorkflowNode } from "../node";

export const approvalDecisionSchema = z.object({
  approved: z.boolean(),
  by: z.string().max(100).nullable().default(null),
  reason: z.string().max(2000).nullable().default(null),
});
export type ApprovalDecision = z.infer<typeof approvalDecisionSchema>;
export type ApprovalOutput = ApprovalDecision & { at: string };

/** Suspends the run until a person decides (POST /agent-runs/:id/approve|reject resumes it with the decision). */
export const approval: WorkflowNode<ApprovalOutput> = async (state) => {
  const gate = state.results.policyGate!;
  const answer = interrupt({ question: "approve this change?", verdict: gate.verdict, reasons: gate.reasons });
  const decision = approvalDecisionSchema.parse(answer);
  return {
    output: { ...decision, at: new Date().toISOString() },
    summary: `${decision.approved ? "approved" : "rejected"}${decision.by ? ` by ${decision.by}` : ""}${decision.reason ? `: ${decision.reason}` : ""}`,
  };
};
