import { getCommit, readFileAt } from "../../github";
import { derivePatch, openAiCompatibleModel, proposeRevert, type Patch, type Revert } from "../../patches";
import { githubAccess } from "../github-access";
import type { WorkflowNode } from "../node";
import type { PrContext } from "./pr-context";
import type { TriageOutput } from "./triage";

export type PatchOutput = (Patch | Revert) & { forJob?: string };

const COMMITS_CONSIDERED_FOR_REVERT = 10;

/**
 * Node 5: a fix-forward patch only when the log justifies it (compiler suggestion, else an LLM's diff
 * that applies exactly) and it applies to the head commit; for flaky failures a rerun; otherwise the
 * revert of the most likely offending commit of the PR, or plainly no patch.
 */
export const patch: WorkflowNode<PatchOutput> = async (state, { db, env, progress }) => {
  const pr = state.results.prContext as unknown as PrContext;
  const triage = state.results.triage as unknown as TriageOutput;
  const failure = triage.failures[0];
  if (!failure) return { output: { status: "none", rationale: triage.reason ? `no triaged failure to fix (${triage.reason})` : "no failure to fix" }, summary: "no patch: nothing to fix" };
  const { gh } = await githubAccess(env, db, pr.installationId);
  const where = { owner: pr.owner, repo: pr.repo };
  const model = env.LLM_BASE_URL ? openAiCompatibleModel({ baseUrl: env.LLM_BASE_URL, apiKey: env.LLM_API_KEY, model: env.LLM_MODEL }) : undefined;
  if (model) progress("patch", "asking the configured model if the log carries no compiler suggestion");
  let result: PatchOutput = await derivePatch({
    lines: failure.lines.map((l) => l.text),
    flaky: failure.flaky.verdict === "flaky",
    readFile: (path) => readFileAt(gh, where, path, state.input.headSha).catch(() => null),
    locations: failure.locations,
    summary: failure.summary,
    ...(model ? { model } : {}),
  });
  if (result.status === "none" && pr.commits?.length) {
    try {
      const newestFirst = pr.commits.slice(-COMMITS_CONSIDERED_FOR_REVERT).reverse();
      const commits = await Promise.all(newestFirst.map((c) => getCommit(gh, where, c.sha)));
      const revert = await proposeRevert({ commits, failureFiles: failure.locations.map((l) => l.file), readFileAt: (path, ref) => readFileAt(gh, where, path, ref) });
      result = revert.status === "revert" ? revert : { status: "none", rationale: `${result.rationale}. ${revert.rationale.replace(/^no safe patch found; /, "")}` };
    } catch (error) {
      result = { status: "none", rationale: `${result.rationale} (commits unreadable for a revert: ${(error as Error).message.split("\n")[0]})` };
    }
  }
  const summary = result.status === "proposed" ? `patch proposed (${result.source}): ${result.files.map((f) => f.path).join(", ")}`
    : result.status === "revert" ? `revert of ${result.commit.sha.slice(0, 7)} proposed` : `${result.status}: ${result.rationale.slice(0, 120)}`;
  return { output: { ...result, forJob: failure.jobName }, summary };
};
