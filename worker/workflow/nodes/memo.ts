import { renderRolloutPlanMarkdown } from "../../rollout";
import type { WorkflowNode } from "../node";
import type { PatchOutput } from "./patch";
import type { PolicyGateOutput } from "./policy-gate";
import type { PrContext } from "./pr-context";
import type { RolloutPlanOutput } from "./rollout-plan";
import type { SloTelemetryOutput } from "./slo-telemetry";
import type { TestSelectionOutput } from "./test-selection";
import type { TriagedFailure, TriageOutput } from "./triage";

export type MemoOutput = { markdown: string; verdict: "allow" | "needs-approval" | "deny"; headline: string };

const icon = { allow: "✅ Allowed", "needs-approval": "⏸️ Needs approval", deny: "❌ Blocked" } as const;
const fence = (lang: string, body: string) => `\`\`\`${lang}\n${body.replace(/```/g, "`\u200b``")}\n\`\`\``;
const details = (summary: string, body: string) => `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;

/** Node 9: one decision memo, verdict first, evidence after, details folded. Deterministic prose. */
export const memo: WorkflowNode<MemoOutput> = async (state) => {
  const r = state.results;
  const pr = r.prContext as unknown as PrContext;
  const triage = r.triage as unknown as TriageOutput;
  const selection = r.testSelection as unknown as TestSelectionOutput;
  const patch = r.patch as unknown as PatchOutput;
  const slo = r.sloTelemetry as unknown as SloTelemetryOutput;
  const plan = r.rolloutPlan as unknown as RolloutPlanOutput;
  const gate = r.policyGate as unknown as PolicyGateOutput;
  const approval = r.approval;
  const verdict = approval ? (approval.approved ? "allow" : "deny") : gate.verdict;
  const lead = approval
    ? `${approval.approved ? "approved" : "rejected"} by ${approval.by ?? "a reviewer"}${approval.reason ? ` (“${approval.reason}”)` : ""} — ${gate.reasons[0]?.message ?? ""}`
    : gate.reasons.find((x) => x.effect === gate.verdict)?.message ?? gate.reasons[0]?.message ?? "";
  const headline = `${icon[verdict]} — ${lead}`;
  const out: string[] = [`## fixforward · ${headline}`, `<sub>${pr.repository}#${pr.number} at \`${pr.headSha.slice(0, 7)}\` · run ${state.input.runId} · ${state.input.trigger}</sub>`, ""];

  if (triage.failures.length) {
    out.push("### Why CI failed");
    for (const f of triage.failures) {
      out.push(`**${f.jobName}** — ${f.summary}${f.jobUrl ? ` ([job log](${f.jobUrl}))` : ""}${f.alsoIn.length ? ` Also in: ${f.alsoIn.join(", ")}.` : ""}`);
      if (f.lines.length) out.push(fence("text", f.lines.slice(0, 25).map((l) => `${String(l.n).padStart(5)} │ ${l.text}`).join("\n")));
      const links = lineLinks(f);
      if (links.length) out.push(`In the job log: ${links.map((l) => `[line ${l.n}](${l.url})`).join(" · ")}`);
      out.push(f.flaky.verdict === "flaky" ? `Flaky: **yes** — ${f.flaky.evidence.join("; ")}` : `Flaky: no — ${f.flaky.evidence[0] ?? "no history"}`, "");
    }
  } else out.push(`### CI\n${triage.reason ?? "no failure"}`, "");

  out.push("### Fix-forward");
  if (patch.status === "proposed") out.push(patch.rationale, details(`Patch (${patch.files.length} file${patch.files.length > 1 ? "s" : ""})`, fence("diff", patch.diff.trimEnd())));
  else if (patch.status === "revert") out.push(`${patch.rationale} — offered as a bot PR.`, details(`Revert of ${patch.commit.sha.slice(0, 7)}`, fence("diff", patch.diff.trimEnd())));
  else out.push(patch.rationale);
  out.push("");

  out.push("### Tests to run");
  if (selection.status === "done") {
    out.push(`${selection.selected.length} selected${selection.command ? ` — \`${selection.command}\`` : ""}`);
    const rows = selection.selected.slice(0, 30).map((t) => `- \`${t.test}\` — ${t.reasons.join("; ")}${t.confidence === "likely" ? " (likely)" : ""}`);
    const skipped = selection.skipped.slice(0, 30).map((s) => `- \`${s.path}\` — ${s.reason}`);
    out.push(details("Selected and skipped", [...rows, ...(skipped.length ? ["", "Skipped:", ...skipped] : [])].join("\n")));
  } else out.push(`unavailable: ${selection.reason}`);
  out.push("");

  out.push("### Rollout", `Risk **${plan.risk.level}** (${plan.risk.score}/100): ${plan.risk.factors.filter((f) => f.contribution > 0).map((f) => f.explanation).join(", ")}.`, details("Plan", renderRolloutPlanMarkdown(plan)), "");

  out.push("### SLOs");
  if (slo.status === "evaluated") {
    for (const s of slo.slos) {
      out.push(`- **${s.name}** (${s.objective} % over ${s.period}): ${s.errorBudgetRemaining === null ? "budget unknown" : `${Math.round(s.errorBudgetRemaining * 1000) / 10} % of the error budget left`} — ${s.verdict}`);
      for (const w of s.windows) out.push(`  - ${w.long}/${w.short}: burn ${w.burnRateLong ?? "n/a"}× / ${w.burnRateShort ?? "n/a"}× vs ${w.threshold}×${w.firing ? ` **firing (${w.severity})**` : ""}`);
    }
  } else out.push(slo.reasons.join("; "));
  out.push("");

  out.push("### Gate", ...gate.reasons.map((x) => `- ${x.effect === "deny" ? "⛔" : x.effect === "needs-approval" ? "✋" : "✓"} ${x.message} _(${x.source})_`));
  if (approval) out.push(`- 👤 ${approval.approved ? "approved" : "rejected"} by ${approval.by ?? "unknown"} at ${approval.at}${approval.reason ? `: ${approval.reason}` : ""}`);
  if (pr.configError) out.push("", `⚠️ \`.github/fixforward.yml\` is invalid, defaults were used: ${pr.configError}`);
  const unavailable = [...pr.unavailable, ...triage.unavailable];
  if (unavailable.length) out.push("", details("Inputs that were unavailable", unavailable.map((u) => `- ${u}`).join("\n")));
  return { output: { markdown: out.join("\n"), verdict, headline }, summary: headline.slice(0, 200) };
};

/**
 * Links from excerpt lines into GitHub's job log page, which numbers lines per step
 * (`#step:<step number>:<line within the step>`); only when both the step and its start are known.
 */
export function lineLinks(f: Pick<TriagedFailure, "jobUrl" | "stepNumber" | "failingStepLine" | "lines">): { n: number; url: string }[] {
  if (!f.jobUrl || !f.stepNumber || !f.failingStepLine) return [];
  const start = f.failingStepLine;
  return f.lines.filter((l) => l.n >= start).slice(0, 5).map((l) => ({ n: l.n, url: `${f.jobUrl}#step:${f.stepNumber}:${l.n - start + 1}` }));
}
