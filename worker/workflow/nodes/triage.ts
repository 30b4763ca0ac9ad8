import type { WorkflowNode } from "../node";
import type { CiLogs } from "./ci-logs";

export type TriageOutput =
  | { status: "skipped" | "unavailable"; reason: string; failures: [] }
  | { status: "done"; failures: Record<string, unknown>[] };

/** Node 3: why each failed job failed. Logs come through the GitHub API; without it there is nothing to read. */
export const triage: WorkflowNode<TriageOutput> = async (state) => {
  const logs = state.results.ciLogs as unknown as CiLogs;
  if (logs.failedJobs.length === 0) {
    return { output: { status: "skipped", reason: "CI has no failed jobs on this commit", failures: [] }, summary: "nothing to triage: CI is not red" };
  }
  return {
    output: { status: "unavailable", reason: "job logs are not readable: GitHub access is not configured", failures: [] },
    summary: `${logs.failedJobs.length} failed job(s), logs not readable`,
  };
};
