import type { WorkflowNode } from "../node";
import type { PrContext } from "./pr-context";

export type TestSelectionOutput = { status: "done" | "unavailable"; reason?: string; selected: { test: string; reason: string }[]; skipped: { path: string; reason: string }[]; command?: string; coverage: number | null };

/** Node 4: tests that matter for the changed files. */
export const testSelection: WorkflowNode<TestSelectionOutput> = async (state) => {
  const pr = state.results.prContext as unknown as PrContext;
  if (pr.files.length === 0) {
    return { output: { status: "unavailable", reason: "the changed files are not known (GitHub access is not configured)", selected: [], skipped: [], coverage: null }, summary: "changed files unknown" };
  }
  return { output: { status: "unavailable", reason: "test selection is not wired yet", selected: [], skipped: [], coverage: null }, summary: "not wired" };
};
