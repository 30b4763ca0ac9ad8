import { and, eq } from "drizzle-orm";
import type { Db } from "../db";
import { actions as actionsTable } from "../db/schema";
import type { GithubClient } from "./create-github-client";

export const MEMO_MARKER = "<!-- fixforward:memo -->";

export type Annotation = { path: string; start_line: number; end_line: number; annotation_level: "failure" | "warning" | "notice"; message: string; title?: string };

/** Everything fixforward may do on GitHub. Anything else (merge, delete, push) cannot be expressed. */
export type GithubAction =
  | { kind: "comment"; owner: string; repo: string; pr: number; body: string }
  | { kind: "check_run"; owner: string; repo: string; headSha: string; conclusion: "success" | "failure" | "neutral" | "action_required"; title: string; summary: string; text?: string; annotations: Annotation[] }
  | { kind: "rerun_failed_jobs"; owner: string; repo: string; runId: number; runAttempt: number }
  | { kind: "protection_rule_answer"; owner: string; repo: string; runId: number; environment: string; state: "approved" | "rejected"; comment: string }
  | { kind: "bot_pr"; owner: string; repo: string; pr: number; headRef: string; headSha: string; files: { path: string; content: string }[]; title: string; body: string };

export type ActionOutcome = { kind: GithubAction["kind"]; target: string; status: "succeeded" | "failed" | "skipped" | "dry_run"; dryRun: boolean; url: string | null; error?: string; replayed: boolean };

// The only routes the executor can call; checked on every request.
const allowedRoutes = new Set([
  "GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
  "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
  "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}",
  "POST /repos/{owner}/{repo}/check-runs",
  "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}",
  "POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs",
  "POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule",
]);

type Request = { route: string; params: Record<string, unknown> };

export function targetOf(action: GithubAction): string {
  const repo = `${action.owner}/${action.repo}`;
  switch (action.kind) {
    case "comment": return `${repo}#${action.pr}`;
    case "check_run": return `${repo}@${action.headSha}`;
    case "rerun_failed_jobs": return `${repo}/runs/${action.runId}/attempt/${action.runAttempt}`;
    case "protection_rule_answer": return `${repo}/runs/${action.runId}/${action.environment}`;
    case "bot_pr": return `${repo}#${action.pr}@${action.headSha.slice(0, 7)}`;
  }
}

/** The exact requests an action sends (recorded as the intent, and as-is in dry-run). */
export function requestsOf(action: GithubAction): Request[] {
  const repo = { owner: action.owner, repo: action.repo };
  switch (action.kind) {
    case "comment":
      return [{ route: "POST /repos/{owner}/{repo}/issues/{issue_number}/comments", params: { ...repo, issue_number: action.pr, body: `${MEMO_MARKER}\n${action.body}` } }];
    case "check_run": {
      const pages = [];
      for (let i = 0; i < Math.max(1, action.annotations.length); i += 50) pages.push(action.annotations.slice(i, i + 50));
      return pages.map((annotations, i) => ({
        route: i === 0 ? "POST /repos/{owner}/{repo}/check-runs" : "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}",
        params: { ...repo, ...(i === 0 ? { name: "fixforward", head_sha: action.headSha, status: "completed", conclusion: action.conclusion } : {}), output: { title: action.title, summary: action.summary, ...(action.text ? { text: action.text } : {}), annotations } },
      }));
    }
    case "rerun_failed_jobs":
      return [{ route: "POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs", params: { ...repo, run_id: action.runId } }];
    case "protection_rule_answer":
      return [{ route: "POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule", params: { ...repo, run_id: action.runId, environment_name: action.environment, state: action.state, comment: action.comment } }];
    case "bot_pr":
      return [{ route: "(bot PR: git data API — blobs, tree, commit, new ref fixforward/…, pull request)", params: { ...repo, branch: `fixforward/${action.pr}-${action.headSha.slice(0, 7)}`, base: action.headRef, files: action.files.map((f) => f.path), title: action.title } }];
  }
}

async function send(gh: GithubClient, route: string, params: Record<string, unknown>) {
  if (!allowedRoutes.has(route)) throw new Error(`fixforward: refusing GitHub request outside the allowlist: ${route}`);
  return gh.request(route, params);
}

async function perform(gh: GithubClient, action: GithubAction): Promise<{ url: string | null; result: unknown }> {
  const repo = { owner: action.owner, repo: action.repo };
  switch (action.kind) {
    case "comment": {
      // One comment per PR, found again by its marker and edited in place.
      const body = `${MEMO_MARKER}\n${action.body}`;
      const existing = await send(gh, "GET /repos/{owner}/{repo}/issues/{issue_number}/comments", { ...repo, issue_number: action.pr, per_page: 100 });
      const mine = (existing.data as { id: number; body?: string; html_url: string }[]).find((c) => c.body?.startsWith(MEMO_MARKER));
      const res = mine
        ? await send(gh, "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", { ...repo, comment_id: mine.id, body })
        : await send(gh, "POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { ...repo, issue_number: action.pr, body });
      return { url: (res.data as { html_url?: string }).html_url ?? null, result: { commentId: (res.data as { id: number }).id, updated: Boolean(mine) } };
    }
    case "check_run": {
      const [first, ...rest] = requestsOf(action);
      const created = await send(gh, first!.route, first!.params);
      const id = (created.data as { id: number }).id;
      for (const page of rest) await send(gh, page.route, { ...page.params, check_run_id: id });
      return { url: (created.data as { html_url?: string }).html_url ?? null, result: { checkRunId: id, annotationPages: rest.length + 1 } };
    }
    case "rerun_failed_jobs":
    case "protection_rule_answer": {
      const [request] = requestsOf(action);
      await send(gh, request!.route, request!.params);
      return { url: null, result: { sent: request!.route } };
    }
    case "bot_pr":
      throw new Error("fixforward: opening bot PRs is not implemented yet (the patch is in the memo)");
  }
}

/**
 * Runs the actions of one agent run, exactly once each: every action is recorded in D1 before
 * (intent) and after (result) under its idempotency key, so a replayed run skips what succeeded.
 * Without credentials (or DRY_RUN) the exact requests are recorded and nothing is sent.
 */
export async function executeActions(db: Db, gh: GithubClient | null, runId: number, list: GithubAction[]): Promise<ActionOutcome[]> {
  const outcomes: ActionOutcome[] = [];
  for (const action of list) {
    const target = targetOf(action);
    const key = `run:${runId}:${action.kind}:${target}`;
    const dryRun = gh === null;
    const prior = await db.select().from(actionsTable).where(eq(actionsTable.idempotencyKey, key)).get();
    if (prior && (prior.status === "succeeded" || prior.status === "dry_run" || prior.status === "skipped")) {
      outcomes.push({ kind: action.kind, target, status: prior.status, dryRun: prior.dryRun, url: prior.url, replayed: true });
      continue;
    }
    if (!prior) {
      await db.insert(actionsTable).values({ agentRunId: runId, kind: action.kind, target, idempotencyKey: key, payload: requestsOf(action), status: "pending", dryRun }).onConflictDoNothing().run();
    }
    const finish = (status: "succeeded" | "failed" | "skipped" | "dry_run", fields: { url?: string | null; result?: unknown; error?: string }) =>
      db.update(actionsTable).set({ status, url: fields.url ?? null, result: fields.result ?? null, error: fields.error ?? null, updatedAt: new Date().toISOString() })
        .where(and(eq(actionsTable.idempotencyKey, key))).run();
    if (dryRun) {
      await finish("dry_run", { result: { wouldSend: requestsOf(action) } });
      outcomes.push({ kind: action.kind, target, status: "dry_run", dryRun: true, url: null, replayed: false });
      continue;
    }
    try {
      const { url, result } = await perform(gh, action);
      await finish("succeeded", { url, result });
      outcomes.push({ kind: action.kind, target, status: "succeeded", dryRun: false, url, replayed: false });
    } catch (error) {
      const message = (error as Error).message;
      const notImplemented = /not implemented/.test(message);
      await finish(notImplemented ? "skipped" : "failed", { error: message });
      outcomes.push({ kind: action.kind, target, status: notImplemented ? "skipped" : "failed", dryRun: false, url: null, error: message, replayed: false });
    }
  }
  return outcomes;
}
