import { readFileAt } from "../../github";
import { derivePatch, type Patch } from "../../patches";
import { githubAccess } from "../github-access";
import type { WorkflowNode } from "../node";
import type { PrContext } from "./pr-context";
import type { TriageOutput } from "./triage";

export type PatchOutput = Patch & { forJob?: string };

/** Node 5: a fix-forward patch only when the log justifies it and it applies to the head commit. */
export const patch: WorkflowNode<PatchOutput> = async (state, { db, env }) => {
  const pr = state.results.prContext as unknown as PrContext;
  const triage = state.results.triage as unknown as TriageOutput;
  const failure = triage.failures[0];
  if (!failure) return { output: { status: "none", rationale: triage.reason ? `no triaged failure to fix (${triage.reason})` : "no failure to fix" }, summary: "no patch: nothing to fix" };
  const { gh } = await githubAccess(env, db, pr.installationId);
  const result = await derivePatch({
    lines: failure.lines.map((l) => l.text),
    flaky: failure.flaky.verdict === "flaky",
    readFile: (path) => readFileAt(gh, { owner: pr.owner, repo: pr.repo }, path, state.input.headSha).catch(() => null),
  });
  return { output: { ...result, forJob: failure.jobName }, summary: result.status === "proposed" ? `patch proposed (${result.source}): ${result.files.map((f) => f.path).join(", ")}` : `${result.status}: ${result.rationale.slice(0, 120)}` };
};
