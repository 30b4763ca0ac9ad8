import type { WorkflowNode } from "../node";
import type { RolloutPlanOutput } from "./rollout-plan";
import type { SloTelemetryOutput } from "./slo-telemetry";

export type PolicyGateOutput = { verdict: "allow" | "needs-approval" | "deny"; reasons: { code: string; message: string }[] };

/** Node 8: allow, needs approval, or deny — every reason listed. */
export const policyGate: WorkflowNode<PolicyGateOutput> = async (state) => {
  const risk = (state.results.rolloutPlan as unknown as RolloutPlanOutput).risk;
  const slo = state.results.sloTelemetry as unknown as SloTelemetryOutput;
  const reasons: PolicyGateOutput["reasons"] = [];
  let verdict: PolicyGateOutput["verdict"] = "allow";
  if (slo.verdict === "deny") (verdict = "deny"), reasons.push({ code: "slo_burn", message: slo.reasons.join("; ") });
  if (risk.level === "high" || risk.level === "critical") {
    if (verdict === "allow") verdict = "needs-approval";
    reasons.push({ code: "risk_above_threshold", message: `risk ${risk.level} (${risk.score}) is above "medium"` });
  }
  if (reasons.length === 0) reasons.push({ code: "ok", message: "no rule objects" });
  return { output: { verdict, reasons }, summary: `${verdict}: ${reasons.map((r) => r.message).join("; ")}` };
};
