import type { GithubClient } from "./create-github-client";
import { BOT_BRANCH_PREFIX, sendAllowed } from "./send-allowed";

export type BotPullRequest = { owner: string; repo: string; pr: number; headRef: string; headSha: string; files: { path: string; content: string }[]; title: string; body: string };

export const botBranchName = (pr: number, headSha: string) => `${BOT_BRANCH_PREFIX}${pr}-${headSha.slice(0, 7)}`;

const statusOf = (error: unknown) => (error as { status?: number }).status;

/**
 * Opens a pull request with the patch into the PR's head branch: one commit on a NEW branch
 * `fixforward/<pr>-<short-sha>` made through the git data API (blobs, tree, commit, ref). Refuses
 * when the head moved, lives in a fork, or is the default branch. If the branch already exists (a
 * replay after a crash) the PR opened from it is returned; the branch itself is never written again.
 */
export async function openBotPullRequest(gh: GithubClient, request: BotPullRequest): Promise<{ url: string | null; number: number; branch: string; reused: boolean }> {
  const repo = { owner: request.owner, repo: request.repo };
  const branch = botBranchName(request.pr, request.headSha);
  const [{ data: repository }, { data: pull }] = await Promise.all([
    sendAllowed(gh, "GET /repos/{owner}/{repo}", repo),
    sendAllowed(gh, "GET /repos/{owner}/{repo}/pulls/{pull_number}", { ...repo, pull_number: request.pr }),
  ]) as [{ data: { default_branch: string } }, { data: { state: string; head: { ref: string; sha: string; repo: { full_name: string } | null } } }];
  if (request.headRef === repository.default_branch) throw new Error(`fixforward: refusing to open a bot PR into the default branch (${repository.default_branch})`);
  if (pull.head.repo?.full_name !== `${request.owner}/${request.repo}`) throw new Error("fixforward: the PR's head branch is in a fork; the patch stays in the memo");
  if (pull.head.ref !== request.headRef) throw new Error(`fixforward: the PR's head branch is now ${pull.head.ref}, not ${request.headRef}`);

  const existing = await findPullFrom(gh, repo, branch);
  if (existing) return { ...existing, branch, reused: true };
  if (pull.state !== "open") throw new Error("fixforward: the pull request is closed; no bot PR opened");
  if (pull.head.sha !== request.headSha) throw new Error(`fixforward: the PR's head moved to ${pull.head.sha.slice(0, 7)}; this patch was made for ${request.headSha.slice(0, 7)}`);

  const { data: headCommit } = await sendAllowed(gh, "GET /repos/{owner}/{repo}/git/commits/{commit_sha}", { ...repo, commit_sha: request.headSha }) as { data: { tree: { sha: string } } };
  const tree = [];
  for (const file of request.files) {
    const { data: blob } = await sendAllowed(gh, "POST /repos/{owner}/{repo}/git/blobs", { ...repo, content: file.content, encoding: "utf-8" }) as { data: { sha: string } };
    tree.push({ path: file.path, mode: "100644", type: "blob", sha: blob.sha });
  }
  const { data: newTree } = await sendAllowed(gh, "POST /repos/{owner}/{repo}/git/trees", { ...repo, base_tree: headCommit.tree.sha, tree }) as { data: { sha: string } };
  const { data: commit } = await sendAllowed(gh, "POST /repos/{owner}/{repo}/git/commits", {
    ...repo, message: `${request.title}\n\nProposed by fixforward for #${request.pr} at ${request.headSha.slice(0, 7)}.`, tree: newTree.sha, parents: [request.headSha],
  }) as { data: { sha: string } };
  try {
    await sendAllowed(gh, "POST /repos/{owner}/{repo}/git/refs", { ...repo, ref: `refs/heads/${branch}`, sha: commit.sha });
  } catch (error) {
    if (statusOf(error) !== 422) throw error;
    throw new Error(`fixforward: branch ${branch} already exists without a pull request; not writing to an existing branch`);
  }
  const { data: created } = await sendAllowed(gh, "POST /repos/{owner}/{repo}/pulls", {
    ...repo, title: request.title, body: request.body, head: branch, base: request.headRef, maintainer_can_modify: true,
  }) as { data: { number: number; html_url: string } };
  return { url: created.html_url, number: created.number, branch, reused: false };
}

async function findPullFrom(gh: GithubClient, repo: { owner: string; repo: string }, branch: string) {
  const { data } = await sendAllowed(gh, "GET /repos/{owner}/{repo}/pulls", { ...repo, head: `${repo.owner}:${branch}`, state: "all", per_page: 1 }) as { data: { number: number; html_url: string }[] };
  return data[0] ? { url: data[0].html_url, number: data[0].number } : null;
}
