import { selectTests, type Selection } from "../../selection";
import type { WorkflowNode } from "../node";
import type { PrContext } from "./pr-context";
import type { TriageOutput } from "./triage";

export type TestSelectionOutput = (Selection & { status: "done" }) | { status: "unavailable"; reason: string; selected: []; skipped: []; coverage: null };

/** Node 4: the tests that matter for this change, each with its reason, and what was skipped. */
export const testSelection: WorkflowNode<TestSelectionOutput> = async (state) => {
  const pr = state.results.prContext as unknown as PrContext;
  const triage = state.results.triage as unknown as TriageOutput;
  const failedTests = triage.failures.flatMap((f) => f.failingTests.map((name) => ({ name })));
  if (pr.files.length === 0 && failedTests.length === 0) {
    return { output: { status: "unavailable", reason: pr.unavailable.find((u) => u.startsWith("changed files")) ?? "the changed files are not known", selected: [], skipped: [], coverage: null }, summary: "changed files unknown" };
  }
  const selection = selectTests({
    changedFiles: pr.files, failedTests, testMap: pr.config.tests.map,
    ...(pr.testFiles ? { repoFiles: [...pr.testFiles, ...pr.files.map((f) => f.path)] } : {}),
  });
  return {
    output: { status: "done", ...selection },
    summary: `${selection.selected.length} test(s) selected, ${selection.skipped.length} skipped${selection.command ? ` — ${selection.command.slice(0, 100)}` : ""}`,
  };
};
