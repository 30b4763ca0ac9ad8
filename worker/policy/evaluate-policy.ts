import { riskLevels, type RepoConfig } from "../config/repo-config";
import type { RiskAssessment } from "../rollout/assess-risk";
import type { SloEvaluation } from "../slo/evaluate-slos";
import { freezeState } from "./freeze-window";

export type PolicyVerdict = "allow" | "needs-approval" | "deny";
export type PolicyReason = { code: string; effect: PolicyVerdict; message: string; value?: number | string; threshold?: number | string; source: string };
export type PolicyDecision = { verdict: PolicyVerdict; reasons: PolicyReason[] };

export type PolicyInput = {
  config: RepoConfig;
  /** The SLO evaluation, or undefined when telemetry is not configured. */
  slo?: SloEvaluation;
  risk: RiskAssessment;
  checks: { name: string; conclusion: string | null }[];
  now: Date;
};

/** The gate: every rule is checked and every reason kept, each traceable to a number and its source. */
export function evaluatePolicy(input: PolicyInput): PolicyDecision {
  const { config, slo, risk, checks, now } = input;
  const reasons: PolicyReason[] = [];
  const required = config.policy.requiredChecks;
  for (const check of checks) {
    if (!["failure", "timed_out", "startup_failure", "action_required"].includes(check.conclusion ?? "")) continue;
    if (required && !required.includes(check.name)) continue;
    reasons.push({ code: "check_failing", effect: "deny", message: `required check "${check.name}" is ${check.conclusion}`, value: check.conclusion ?? "", source: "checks" });
  }
  if (slo) {
    for (const s of slo.slos) {
      if (s.errorBudgetRemaining !== null && s.errorBudgetRemaining <= 0) {
        reasons.push({ code: "budget_exhausted", effect: "deny", message: `${s.name}: error budget exhausted (${Math.round(s.errorBudgetRemaining * 1000) / 10} % left)`, value: s.errorBudgetRemaining, threshold: 0, source: `slo:${s.name}` });
      }
      for (const w of s.windows.filter((w) => w.firing)) {
        reasons.push({
          code: w.severity === "page" ? "burn_page" : "burn_ticket", effect: w.severity === "page" ? "deny" : "needs-approval",
          message: `${s.name}: ${w.long} burn ${w.burnRateLong}× and ${w.short} burn ${w.burnRateShort}× > ${w.threshold}×`,
          value: w.burnRateLong ?? 0, threshold: w.threshold, source: `slo:${s.name}:${w.long}/${w.short}`,
        });
      }
    }
    if (slo.verdict === "inconclusive") {
      reasons.push({ code: "telemetry_inconclusive", effect: config.policy.inconclusive, message: `SLO telemetry inconclusive: ${slo.reasons.filter((r) => !/within budget/.test(r)).slice(0, 3).join("; ")}`, source: "slo" });
    }
  }
  for (const window of config.policy.freeze) {
    const state = freezeState(window, now);
    if (state.frozen) reasons.push({ code: "freeze", effect: "deny", message: `${state.description}: frozen until ${state.until.toISOString()}`, value: now.toISOString(), threshold: state.until.toISOString(), source: "policy.freeze" });
  }
  const limit = config.policy.requireApprovalAbove;
  // `requireApprovalAbove: high` names the level from which a person must approve (DESIGN.md).
  if (riskLevels.indexOf(risk.level) >= riskLevels.indexOf(limit)) {
    reasons.push({ code: "risk_above_threshold", effect: "needs-approval", message: `risk ${risk.level} (${risk.score}/100) reaches requireApprovalAbove: ${limit}`, value: risk.score, threshold: limit, source: "rollout.risk" });
  }
  const verdict: PolicyVerdict = reasons.some((r) => r.effect === "deny") ? "deny" : reasons.some((r) => r.effect === "needs-approval") ? "needs-approval" : "allow";
  if (reasons.length === 0) {
    reasons.push({ code: "ok", effect: "allow", message: `no rule objects: risk ${risk.level} (${risk.score}/100)${slo ? `, SLOs ${slo.verdict}` : ", SLOs not configured"}`, value: risk.score, source: "policy" });
  }
  return { verdict, reasons };
}
