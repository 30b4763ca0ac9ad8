import { evaluatePolicy, type PolicyDecision } from "../../policy";
import type { WorkflowNode } from "../node";
import type { CiLogs } from "./ci-logs";
import type { PrContext } from "./pr-context";
import type { RolloutPlanOutput } from "./rollout-plan";
import type { SloTelemetryOutput } from "./slo-telemetry";

export type PolicyGateOutput = PolicyDecision;

/** Node 8: allow, needs approval, or deny — with every reason. */
export const policyGate: WorkflowNode<PolicyGateOutput> = async (state) => {
  const pr = state.results.prContext as unknown as PrContext;
  const ci = state.results.ciLogs as unknown as CiLogs;
  const plan = state.results.rolloutPlan as unknown as RolloutPlanOutput;
  const slo = state.results.sloTelemetry as unknown as SloTelemetryOutput;
  const decision = evaluatePolicy({ config: pr.config, risk: plan.risk, checks: ci.checks, now: new Date(), ...(slo.status === "evaluated" ? { slo } : {}) });
  return { output: decision, summary: `${decision.verdict}: ${decision.reasons.map((r) => r.message).join("; ").slice(0, 200)}` };
};
