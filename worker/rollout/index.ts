export { assessRisk, type RiskAssessment, type RiskFactor, type RiskInput } from "./assess-risk";
export { planRollout, renderRolloutPlanMarkdown, type RolloutPlan } from "./plan-rollout";
