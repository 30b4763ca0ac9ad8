import type { GithubClient } from "./create-github-client";

/** The branch prefix of every branch fixforward creates; it never writes to any other ref. */
export const BOT_BRANCH_PREFIX = "fixforward/";

type Params = Record<string, unknown>;
type Guard = (params: Params) => string | null;
const any: Guard = () => null;

// The only routes fixforward's writer may call, each with a guard on its parameters. Merging,
// deleting, updating a ref or pushing to an existing branch have no route here: they cannot be sent.
const allowlist = new Map<string, Guard>([
  ["GET /repos/{owner}/{repo}", any],
  ["GET /repos/{owner}/{repo}/pulls/{pull_number}", any],
  ["GET /repos/{owner}/{repo}/pulls", any],
  ["GET /repos/{owner}/{repo}/issues/{issue_number}/comments", any],
  ["POST /repos/{owner}/{repo}/issues/{issue_number}/comments", any],
  ["PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", any],
  ["GET /repos/{owner}/{repo}/commits/{ref}/check-runs", any],
  ["POST /repos/{owner}/{repo}/check-runs", (p) => (p.name === "fixforward" ? null : "check runs are always named fixforward")],
  ["PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", any],
  ["GET /repos/{owner}/{repo}/actions/runs/{run_id}", any],
  ["POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs", any],
  ["POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule", any],
  ["GET /repos/{owner}/{repo}/git/commits/{commit_sha}", any],
  ["POST /repos/{owner}/{repo}/git/blobs", any],
  ["POST /repos/{owner}/{repo}/git/trees", any],
  ["POST /repos/{owner}/{repo}/git/commits", any],
  // Creating a ref fails when it exists, so this can only ever start a new branch.
  ["POST /repos/{owner}/{repo}/git/refs", (p) => (String(p.ref).startsWith(`refs/heads/${BOT_BRANCH_PREFIX}`) ? null : `only new ${BOT_BRANCH_PREFIX}* branches may be created`)],
  ["POST /repos/{owner}/{repo}/pulls", (p) => (String(p.head).startsWith(BOT_BRANCH_PREFIX) ? null : `bot pull requests come from ${BOT_BRANCH_PREFIX}* branches only`)],
]);

/** Sends `route` only if it is on the allowlist and its guard accepts the parameters. */
export async function sendAllowed(gh: GithubClient, route: string, params: Params) {
  const guard = allowlist.get(route);
  if (!guard) throw new Error(`fixforward: refusing GitHub request outside the allowlist: ${route}`);
  const refusal = guard(params);
  if (refusal) throw new Error(`fixforward: refusing ${route}: ${refusal}`);
  return gh.request(route, params);
}
