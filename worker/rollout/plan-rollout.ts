import { formatDuration, parseDuration } from "../config/duration";
import type { RepoConfig, SloSpec } from "../config/repo-config";
import type { SloEvaluation } from "../slo/evaluate-slos";
import type { RiskAssessment } from "./assess-risk";

export type RolloutPlan = {
  mode: "progressive" | "hold";
  steps: { percent: number; pause: string }[];
  checks: { name: string; promql: string; threshold: number; abortWhen: string }[];
  rollback: { trigger: string; action: string };
  notes: string[];
};

/**
 * Canary steps from the config, slowed down for risky changes or a thin error budget; held entirely
 * when the budget is spent. Each step is guarded by the SLO's fastest burn-rate pair (Argo Rollouts /
 * Flagger style analysis): the step aborts when that burn rate exceeds its threshold.
 */
export function planRollout(config: RepoConfig, risk: RiskAssessment, slo?: SloEvaluation): RolloutPlan {
  const notes: string[] = [];
  let steps = [...config.rollout.steps].sort((a, b) => a - b);
  if (steps.at(-1) !== 100) steps.push(100);
  let pause = parseDuration(config.rollout.pause);
  const minBudget = Math.min(...(slo?.slos.map((s) => s.errorBudgetRemaining ?? 1) ?? [1]));
  if (slo?.verdict === "deny" || minBudget <= 0) {
    return {
      mode: "hold", steps: [], checks: checksFor(config.slos), notes: [`hold: ${slo?.reasons[0] ?? "error budget exhausted"}`],
      rollback: { trigger: "n/a — nothing is rolled out while the budget is spent", action: "fix forward or wait for the budget to recover" },
    };
  }
  if (risk.level === "high" || risk.level === "critical") {
    // An extra small first step and longer observation for risky changes.
    if (steps[0]! > 1) steps.unshift(1);
    pause *= risk.level === "critical" ? 3 : 2;
    notes.push(`risk ${risk.level} (${risk.score}): pauses ×${risk.level === "critical" ? 3 : 2}${steps[0] === 1 ? ", starts at 1 %" : ""}`);
  }
  if (minBudget < 0.25) {
    pause *= 2;
    notes.push(`only ${Math.round(minBudget * 100)} % of the error budget left: pauses doubled`);
  }
  if (slo?.verdict === "inconclusive") notes.push("SLO telemetry is inconclusive: watch the checks by hand, they may have no data");
  const pauseText = formatDuration(pause);
  return {
    mode: "progressive",
    steps: steps.map((percent, i) => ({ percent, pause: i === steps.length - 1 ? "0s" : pauseText })),
    checks: checksFor(config.slos),
    rollback: {
      trigger: config.slos.length ? "any check above its threshold during a step, or the step's error ratio above the stable version's" : "a failing health check (no SLOs configured)",
      action: "route 100 % of traffic back to the stable version and re-run the gate",
    },
    notes,
  };
}

function checksFor(slos: SloSpec[]): RolloutPlan["checks"] {
  return slos.map((slo) => {
    const budget = Math.round((100 - slo.objective) * 1e9) / 1e11;
    const window = "5m";
    return {
      name: `${slo.name} burn rate (${window})`,
      promql: `(${slo.errorQuery.replaceAll("{{window}}", window)}) / (${slo.totalQuery.replaceAll("{{window}}", window)}) / ${budget}`,
      threshold: 14.4,
      abortWhen: "> 14.4 for two consecutive measurements",
    };
  });
}

export function renderRolloutPlanMarkdown(plan: RolloutPlan): string {
  if (plan.mode === "hold") return `**Hold** — ${plan.notes.join("; ")}. ${plan.rollback.action}.`;
  const lines = [`| step | traffic | observe |`, `|---|---|---|`, ...plan.steps.map((s, i) => `| ${i + 1} | ${s.percent} % | ${s.pause === "0s" ? "—" : s.pause} |`)];
  if (plan.checks.length) lines.push("", "Abort a step when:", ...plan.checks.map((c) => `- \`${c.name}\` ${c.abortWhen}`));
  lines.push("", `Rollback: ${plan.rollback.trigger} → ${plan.rollback.action}.`);
  if (plan.notes.length) lines.push("", ...plan.notes.map((n) => `_${n}_`));
  return lines.join("\n");
}
