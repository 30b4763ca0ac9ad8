import { and, count, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "../../db";
import { pullRequests, testFailuresByPath } from "../../db/schema";
import { selectTests, type Selection } from "../../selection";
import type { WorkflowNode } from "../node";
import type { PrContext } from "./pr-context";
import type { TriageOutput } from "./triage";

export type TestSelectionOutput = (Selection & { status: "done" }) | { status: "unavailable"; reason: string; selected: []; skipped: []; coverage: null };

/** Node 4: the tests that matter for this change, each with its reason, and what was skipped. */
export const testSelection: WorkflowNode<TestSelectionOutput> = async (state, { db }) => {
  const pr = state.results.prContext as unknown as PrContext;
  const triage = state.results.triage as unknown as TriageOutput;
  const failedTests = triage.failures.flatMap((f) => f.failingTests.map((name) => ({ name })));
  if (pr.files.length === 0 && failedTests.length === 0) {
    return { output: { status: "unavailable", reason: pr.unavailable.find((u) => u.startsWith("changed files")) ?? "the changed files are not known", selected: [], skipped: [], coverage: null }, summary: "changed files unknown" };
  }
  const failureHistory = await historyFor(db, state.input.prId, pr.files.map((f) => f.path));
  const selection = selectTests({
    changedFiles: pr.files, failedTests, testMap: pr.config.tests.map, failureHistory,
    ...(pr.testFiles ? { repoFiles: [...pr.testFiles, ...pr.files.map((f) => f.path)] } : {}),
  });
  return {
    output: { status: "done", ...selection },
    summary: `${selection.selected.length} test(s) selected, ${selection.skipped.length} skipped${selection.command ? ` — ${selection.command.slice(0, 100)}` : ""}`,
  };
};

/** Tests that failed on other pull requests of the repository touching these paths, with how many PRs. */
async function historyFor(db: Db, prId: number, paths: string[]) {
  const repo = await db.select({ id: pullRequests.repositoryId }).from(pullRequests).where(eq(pullRequests.id, prId)).get();
  if (!repo || paths.length === 0) return [];
  const out: { path: string; test: string; pullRequests: number }[] = [];
  for (let i = 0; i < Math.min(paths.length, 200); i += 50) {
    const prs = count(sql`DISTINCT ${testFailuresByPath.pullRequestId}`);
    const rows = await db.select({ path: testFailuresByPath.path, test: testFailuresByPath.test, pullRequests: prs }).from(testFailuresByPath)
      .where(and(eq(testFailuresByPath.repositoryId, repo.id), inArray(testFailuresByPath.path, paths.slice(i, i + 50)), ne(testFailuresByPath.pullRequestId, prId)))
      .groupBy(testFailuresByPath.path, testFailuresByPath.test).having(sql`count(DISTINCT ${testFailuresByPath.pullRequestId}) >= 2`).limit(100).all();
    out.push(...rows);
  }
  return out;
}
