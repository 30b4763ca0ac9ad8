import type { WorkflowNode } from "../node";
import type { PrContext } from "./pr-context";

export type RolloutPlanOutput = { risk: { score: number; level: "low" | "medium" | "high" | "critical"; factors: { name: string; contribution: number; explanation: string }[] }; steps: { percent: number; pause: string }[] };

/** Node 7: risk of the change and the canary plan. */
export const rolloutPlan: WorkflowNode<RolloutPlanOutput> = async (state) => {
  const pr = state.results.prContext as unknown as PrContext;
  const lines = (pr.additions ?? 0) + (pr.deletions ?? 0);
  const score = Math.min(100, Math.round(lines / 20));
  const level = score >= 75 ? "critical" : score >= 50 ? "high" : score >= 25 ? "medium" : "low";
  const output: RolloutPlanOutput = {
    risk: { score, level, factors: [{ name: "size", contribution: score, explanation: `${lines} lines changed` }] },
    steps: [1, 5, 25, 50, 100].map((percent) => ({ percent, pause: "10m" })),
  };
  return { output, summary: `risk ${level} (${score})` };
};
