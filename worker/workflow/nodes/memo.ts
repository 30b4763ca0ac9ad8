import type { WorkflowNode } from "../node";
import type { PrContext } from "./pr-context";
import type { PolicyGateOutput } from "./policy-gate";

export type MemoOutput = { markdown: string; verdict: string; headline: string };

/** Node 9: the decision memo, verdict first. */
export const memo: WorkflowNode<MemoOutput> = async (state) => {
  const pr = state.results.prContext as unknown as PrContext;
  const gate = state.results.policyGate as unknown as PolicyGateOutput;
  const verdict = state.results.approval ? (state.results.approval.approved ? "allow" : "deny") : gate.verdict;
  const headline = `${verdict === "allow" ? "Allowed" : verdict === "deny" ? "Blocked" : "Needs approval"}: ${gate.reasons[0]?.message ?? ""}`;
  const markdown = [`## fixforward: ${headline}`, "", `${pr.repository}#${pr.number} at \`${pr.headSha.slice(0, 7)}\``, "", ...gate.reasons.map((r) => `- ${r.message}`)].join("\n");
  return { output: { markdown, verdict, headline }, summary: headline };
};
