import type { WorkflowNode } from "../node";

export type PatchOutput = { status: "proposed" | "rerun" | "none"; rationale: string; diff?: string; source?: string; files?: { path: string; content: string }[] };

/** Node 5: a fix-forward patch, only when it can be justified. */
export const patch: WorkflowNode<PatchOutput> = async (state) => {
  const triage = state.results.triage as unknown as { failures: unknown[] };
  if (triage.failures.length === 0) return { output: { status: "none", rationale: "no triaged failure to fix" }, summary: "no patch: nothing to fix" };
  return { output: { status: "none", rationale: "no safe patch derivation is wired yet" }, summary: "no patch" };
};
