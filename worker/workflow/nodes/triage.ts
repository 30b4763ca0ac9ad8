import { and, eq, gte, ne } from "drizzle-orm";
import { failures, pullRequests, testFailuresByPath, workflowJobs } from "../../db/schema";
import { streamJobLog } from "../../github";
import { triageStream, type TriageResult } from "../../triage";
import { githubAccess } from "../github-access";
import type { WorkflowNode } from "../node";
import type { CiLogs } from "./ci-logs";
import type { PrContext } from "./pr-context";

export type Flaky = { verdict: "flaky" | "not_flaky" | "unknown"; evidence: string[] };
export type TriagedFailure = Omit<TriageResult, "stats"> & { jobId: number; jobName: string; jobUrl: string | null; stepNumber: number | null; runId: number | null; runAttempt: number | null; flaky: Flaky; alsoIn: string[] };
export type TriageOutput = { status: "done" | "skipped" | "unavailable"; reason?: string; failures: TriagedFailure[]; unavailable: string[] };

const MAX_JOBS = 5;
const FOURTEEN_DAYS = 14 * 86_400_000;

/** Node 3: each failed job's log through the triage library; identical root failures merged; flaky verdict from history in D1. */
export const triage: WorkflowNode<TriageOutput> = async (state, { db, env, progress }) => {
  const pr = state.results.prContext as unknown as PrContext;
  const logs = state.results.ciLogs as unknown as CiLogs;
  if (logs.failedJobs.length === 0) return { output: { status: "skipped", reason: "CI has no failed jobs on this commit", failures: [], unavailable: [] }, summary: "nothing to triage: CI is not red" };
  const { apiUrl, token } = await githubAccess(env, db, pr.installationId);
  const byFingerprint = new Map<string, TriagedFailure>();
  const unavailable: string[] = [];
  const jobs = logs.failedJobs.filter((j) => j.source !== "check_run").slice(0, MAX_JOBS);
  const repositoryId = (await repoId(db, state.input.prId)) ?? 0;
  for (const [i, job] of jobs.entries()) {
    const log = await streamJobLog(apiUrl, token, { owner: pr.owner, repo: pr.repo }, job.id);
    if (!log.ok) {
      unavailable.push(`${job.name}: ${log.message}`);
      continue;
    }
    const { stats: _stats, ...result } = await triageStream(log.stream);
    progress("triage", `triaged job ${i + 1}/${jobs.length} “${job.name}”: ${result.category}`);
    const same = byFingerprint.get(result.fingerprint);
    if (same) {
      same.alsoIn.push(job.name);
      continue;
    }
    byFingerprint.set(result.fingerprint, {
      ...result, lines: result.lines.slice(0, 80), jobId: job.id, jobName: job.name, jobUrl: job.htmlUrl, stepNumber: job.failedStepNumber ?? null, runId: job.runId, runAttempt: job.runAttempt,
      flaky: await flakyVerdict(db, { fingerprint: result.fingerprint, repositoryId, prId: state.input.prId, headSha: state.input.headSha, jobName: job.name }), alsoIn: [],
    });
  }
  const found = [...byFingerprint.values()];
  for (const f of found) {
    await db.insert(failures).values({
      agentRunId: state.input.runId, repositoryId, pullRequestId: state.input.prId, jobId: f.jobId,
      headSha: state.input.headSha, fingerprint: f.fingerprint, category: f.category, summary: f.summary,
    }).onConflictDoNothing().run();
  }
  await recordTestFailuresByPath(db, repositoryId, state.input.prId, pr.files.filter((f) => f.status !== "removed").map((f) => f.path), found.flatMap((f) => f.failingTests));
  if (found.length === 0) {
    return { output: { status: "unavailable", reason: unavailable.join("; ") || "no job log could be read", failures: [], unavailable }, summary: `logs unavailable for ${jobs.length} failed job(s)` };
  }
  const head = found[0]!;
  return { output: { status: "done", failures: found, unavailable }, summary: `${found.length} distinct failure(s); first: ${head.category} — ${head.summary.slice(0, 140)}${head.flaky.verdict === "flaky" ? " (flaky)" : ""}` };
};

async function repoId(db: Parameters<typeof triage>[1]["db"], prId: number) {
  return (await db.select({ id: pullRequests.repositoryId }).from(pullRequests).where(eq(pullRequests.id, prId)).get())?.id;
}

/**
 * Flaky when the same root failure was seen on other pull requests of the repository lately, or this
 * job also passed on the same commit (a rerun). Other repositories' failures are not evidence.
 */
async function flakyVerdict(db: Parameters<typeof triage>[1]["db"], q: { fingerprint: string; repositoryId: number; prId: number; headSha: string; jobName: string }): Promise<Flaky> {
  const { fingerprint, prId, headSha, jobName } = q;
  const since = new Date(Date.now() - FOURTEEN_DAYS).toISOString();
  const elsewhere = await db.select({ prId: failures.pullRequestId, sha: failures.headSha, at: failures.createdAt }).from(failures)
    .where(and(eq(failures.fingerprint, fingerprint), eq(failures.repositoryId, q.repositoryId), ne(failures.pullRequestId, prId), gte(failures.createdAt, since))).limit(5).all();
  const passedLater = await db.select({ id: workflowJobs.id }).from(workflowJobs)
    .where(and(eq(workflowJobs.repositoryId, q.repositoryId), eq(workflowJobs.headSha, headSha), eq(workflowJobs.name, jobName), eq(workflowJobs.conclusion, "success"))).get();
  const evidence = [
    ...elsewhere.map((e) => `same failure on pull request ${e.prId} (${e.sha?.slice(0, 7)}) at ${e.at}`),
    ...(passedLater ? [`job “${jobName}” also passed on ${headSha.slice(0, 7)} (job ${passedLater.id})`] : []),
  ];
  return evidence.length ? { verdict: "flaky", evidence } : { verdict: "not_flaky", evidence: ["first time this failure is seen, and the job did not pass on this commit"] };
}

/** Test selection's history: each failing test against each path this PR touched (capped; 20 rows per statement for D1's bound-parameter limit). */
async function recordTestFailuresByPath(db: Parameters<typeof triage>[1]["db"], repositoryId: number, pullRequestId: number, paths: string[], tests: string[]) {
  const rows = [...new Set(tests)].slice(0, 20).flatMap((test) => paths.slice(0, 50).map((path) => ({ repositoryId, path, test, pullRequestId })));
  for (let i = 0; i < rows.length; i += 20) await db.insert(testFailuresByPath).values(rows.slice(i, i + 20)).onConflictDoNothing().run();
}
