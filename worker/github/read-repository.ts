import type { GithubClient } from "./create-github-client";

export type Repo = { owner: string; repo: string };

const status = (error: unknown) => (error as { status?: number }).status;

export async function listPullFiles(gh: GithubClient, r: Repo, number: number) {
  const files = await gh.paginate(gh.rest.pulls.listFiles, { ...r, pull_number: number, per_page: 100 });
  return files.map((f) => ({ path: f.filename, status: f.status, additions: f.additions, deletions: f.deletions, ...(f.patch ? { patch: f.patch } : {}) }));
}

/** A file's text at a ref, or null when it does not exist there. */
export async function readFileAt(gh: GithubClient, r: Repo, path: string, ref: string): Promise<string | null> {
  try {
    const { data } = await gh.rest.repos.getContent({ ...r, path, ref });
    if (Array.isArray(data) || data.type !== "file" || !("content" in data)) return null;
    const binary = atob(data.content.replace(/\s/g, ""));
    return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch (error) {
    if (status(error) === 404) return null;
    throw error;
  }
}

export async function listTree(gh: GithubClient, r: Repo, ref: string): Promise<string[]> {
  const { data } = await gh.rest.git.getTree({ ...r, tree_sha: ref, recursive: "1" });
  return data.tree.filter((t) => t.type === "blob" && t.path).map((t) => t.path!);
}

/** One commit with its parent and changed files (GitHub's per-file patch included). */
export async function getCommit(gh: GithubClient, r: Repo, sha: string) {
  const { data } = await gh.rest.repos.getCommit({ ...r, ref: sha });
  return {
    sha: data.sha, message: data.commit.message.split("\n")[0]!, parentSha: data.parents[0]?.sha ?? null,
    files: (data.files ?? []).map((f) => ({ path: f.filename, status: f.status, ...(f.patch ? { patch: f.patch } : {}) })),
  };
}

export async function listPullCommits(gh: GithubClient, r: Repo, number: number) {
  const commits = await gh.paginate(gh.rest.pulls.listCommits, { ...r, pull_number: number, per_page: 100 });
  return commits.map((c) => ({ sha: c.sha, message: c.commit.message.split("\n")[0]!, author: c.author?.login ?? c.commit.author?.name ?? null }));
}

/** Workflow runs for a commit, for when the webhooks that would have told us were missed. */
export async function listWorkflowRunsForSha(gh: GithubClient, r: Repo, headSha: string) {
  const { data } = await gh.rest.actions.listWorkflowRunsForRepo({ ...r, head_sha: headSha, per_page: 100 });
  return data.workflow_runs.map((w) => ({ id: w.id, name: w.name ?? null, status: w.status, conclusion: w.conclusion, runAttempt: w.run_attempt ?? null, htmlUrl: w.html_url }));
}

export async function listCheckRunsForRef(gh: GithubClient, r: Repo, ref: string) {
  const runs = await gh.paginate(gh.rest.checks.listForRef, { ...r, ref, per_page: 100 });
  return runs.map((c) => ({ id: c.id, name: c.name, status: c.status, conclusion: c.conclusion, htmlUrl: c.html_url ?? null }));
}

export async function listFailedJobs(gh: GithubClient, r: Repo, runId: number) {
  const { data } = await gh.rest.actions.listJobsForWorkflowRun({ ...r, run_id: runId, filter: "latest", per_page: 100 });
  return data.jobs
    .filter((j) => ["failure", "timed_out", "cancelled"].includes(j.conclusion ?? ""))
    .map((j) => {
      const step = j.steps?.find((s) => s.conclusion === "failure");
      return { id: j.id, runId: j.run_id, runAttempt: j.run_attempt ?? null, name: j.name, htmlUrl: j.html_url ?? null, conclusion: j.conclusion!, failedStep: step?.name ?? null, failedStepNumber: step?.number ?? null };
    });
}

export type JobLog = { ok: true; stream: ReadableStream<Uint8Array>; url: string } | { ok: false; reason: "expired" | "not_found" | "forbidden" | "error"; message: string };

/**
 * The job's log as a stream. GitHub answers with a redirect to a short-lived URL (followed by fetch,
 * without our credentials); logs past their retention answer 404/410 — said so, not thrown.
 */
export async function streamJobLog(apiUrl: string, token: string | undefined, r: Repo, jobId: number, doFetch: typeof fetch = fetch): Promise<JobLog> {
  const url = `${apiUrl.replace(/\/+$/, "")}/repos/${r.owner}/${r.repo}/actions/jobs/${jobId}/logs`;
  let response: Response;
  try {
    // Bounded: a log that does not finish streaming within 2 minutes is not worth holding the run for.
    response = await doFetch(url, { headers: { accept: "application/vnd.github+json", "user-agent": "fixforward", ...(token ? { authorization: `Bearer ${token}` } : {}) }, redirect: "follow", signal: AbortSignal.timeout(120_000) });
  } catch (error) {
    return { ok: false, reason: "error", message: `fixforward: could not fetch the log of job ${jobId}: ${(error as Error).message}` };
  }
  if (response.ok && response.body) return { ok: true, stream: response.body, url: response.url || url };
  await response.body?.cancel();
  if (response.status === 410 || response.status === 404) return { ok: false, reason: response.status === 410 ? "expired" : "not_found", message: `fixforward: the log of job ${jobId} is no longer available (${response.status}: logs expire after the repository's retention period)` };
  if (response.status === 403 || response.status === 401) return { ok: false, reason: "forbidden", message: `fixforward: no access to the log of job ${jobId} (${response.status})` };
  return { ok: false, reason: "error", message: `fixforward: GitHub answered ${response.status} for the log of job ${jobId}` };
}
