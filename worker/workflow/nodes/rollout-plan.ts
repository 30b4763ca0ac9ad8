import { assessRisk, planRollout, type RiskAssessment, type RolloutPlan } from "../../rollout";
import type { WorkflowNode } from "../node";
import type { CiLogs } from "./ci-logs";
import type { PrContext } from "./pr-context";
import type { SloTelemetryOutput } from "./slo-telemetry";
import type { TestSelectionOutput } from "./test-selection";
import type { TriageOutput } from "./triage";

export type RolloutPlanOutput = RolloutPlan & { risk: RiskAssessment };

/** Node 7: the risk of the change, and the canary plan for it. */
export const rolloutPlan: WorkflowNode<RolloutPlanOutput> = async (state) => {
  const pr = state.results.prContext as unknown as PrContext;
  const ci = state.results.ciLogs as unknown as CiLogs;
  const triage = state.results.triage as unknown as TriageOutput;
  const selection = state.results.testSelection as unknown as TestSelectionOutput;
  const slo = state.results.sloTelemetry as unknown as SloTelemetryOutput;
  const risk = assessRisk({
    linesChanged: (pr.additions ?? 0) + (pr.deletions ?? 0),
    filesChanged: pr.changedFiles ?? pr.files.length,
    paths: pr.files.map((f) => f.path),
    testCoverage: selection.coverage,
    failedJobs: ci.failedJobs.length,
    flakyFailures: triage.failures.filter((f) => f.flaky.verdict === "flaky").length,
  });
  const plan = planRollout(pr.config, risk, slo.status === "evaluated" ? slo : undefined);
  return { output: { ...plan, risk }, summary: `risk ${risk.level} (${risk.score}/100); ${plan.mode === "hold" ? "hold" : `${plan.steps.length} step(s): ${plan.steps.map((s) => `${s.percent}%`).join(" → ")}`}` };
};
