import { eq } from "drizzle-orm";
import type { Db } from "../db";
import { actions as actionsTable } from "../db/schema";
import type { GithubClient } from "./create-github-client";
import { botBranchName, openBotPullRequest } from "./open-bot-pull-request";
import { sendAllowed } from "./send-allowed";

export const MEMO_MARKER = "<!-- fixforward:memo -->";
const ANNOTATIONS_PER_REQUEST = 50; // GitHub's limit per check-run request
const COMMENT_LIMIT = 65_000; // GitHub rejects comment bodies over 65,536 characters

export type Annotation = { path: string; start_line: number; end_line: number; annotation_level: "failure" | "warning" | "notice"; message: string; title?: string };

/** Everything fixforward may do on GitHub. Anything else (merge, delete, push to an existing branch) cannot be expressed. */
export type GithubAction =
  | { kind: "comment"; owner: string; repo: string; pr: number; body: string }
  | { kind: "check_run"; owner: string; repo: string; headSha: string; conclusion: "success" | "failure" | "neutral" | "action_required"; title: string; summary: string; text?: string; annotations: Annotation[] }
  | { kind: "rerun_failed_jobs"; owner: string; repo: string; runId: number; runAttempt: number }
  | { kind: "protection_rule_answer"; owner: string; repo: string; runId: number; environment: string; state: "approved" | "rejected"; comment: string }
  | { kind: "bot_pr"; owner: string; repo: string; pr: number; headRef: string; headSha: string; files: { path: string; content: string }[]; title: string; body: string };

export type ActionOutcome = { kind: GithubAction["kind"]; target: string; status: "succeeded" | "failed" | "skipped" | "dry_run"; dryRun: boolean; url: string | null; error?: string; replayed: boolean };

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

/**
 * The idempotency key. A comment and a check run belong to one decision (a later run updates or adds
 * its own); a rerun, a protection-rule answer and a bot PR happen at most once whichever run asks.
 * Dry-run records change nothing on GitHub, so each run keeps its own.
 */
export function idempotencyKeyOf(runId: number, action: GithubAction, dryRun: boolean): string {
  const once = !dryRun && (action.kind === "rerun_failed_jobs" || action.kind === "protection_rule_answer" || action.kind === "bot_pr");
  return once ? `${action.kind}:${targetOf(action)}` : `run:${runId}:${action.kind}:${targetOf(action)}`;
}

const commentBody = (body: string) => `${MEMO_MARKER}\n${body.length > COMMENT_LIMIT ? `${body.slice(0, COMMENT_LIMIT)}\n\n… (truncated; the full memo is on the dashboard)` : body}`;

/** The exact requests an action sends (recorded as the intent, and as-is in dry-run). */
export function requestsOf(action: GithubAction, key = ""): Request[] {
  const repo = { owner: action.owner, repo: action.repo };
  switch (action.kind) {
    case "comment":
      return [{ route: "POST /repos/{owner}/{repo}/issues/{issue_number}/comments", params: { ...repo, issue_number: action.pr, body: commentBody(action.body) } }];
    case "check_run": {
      const pages: Annotation[][] = [];
      for (let i = 0; i < Math.max(1, action.annotations.length); i += ANNOTATIONS_PER_REQUEST) pages.push(action.annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
      const output = (annotations: Annotation[]) => ({ title: action.title, summary: action.summary, ...(action.text ? { text: action.text } : {}), annotations });
      return pages.map((annotations, i) => i === 0
        ? { route: "POST /repos/{owner}/{repo}/check-runs", params: { ...repo, name: "fixforward", head_sha: action.headSha, external_id: key, status: "completed", conclusion: action.conclusion, output: output(annotations) } }
        : { route: "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", params: { ...repo, output: output(annotations) } });
    }
    case "rerun_failed_jobs":
      return [{ route: "POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs", params: { ...repo, run_id: action.runId } }];
    case "protection_rule_answer":
      return [{ route: "POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule", params: { ...repo, run_id: action.runId, environment_name: action.environment, state: action.state, comment: action.comment } }];
    case "bot_pr": {
      const branch = botBranchName(action.pr, action.headSha);
      return [
        ...action.files.map((f) => ({ route: "POST /repos/{owner}/{repo}/git/blobs", params: { ...repo, encoding: "utf-8", content: f.content, path: f.path } })),
        { route: "POST /repos/{owner}/{repo}/git/trees", params: { ...repo, base_tree: `(tree of ${action.headSha})`, tree: action.files.map((f) => ({ path: f.path, mode: "100644", type: "blob" })) } },
        { route: "POST /repos/{owner}/{repo}/git/commits", params: { ...repo, message: action.title, parents: [action.headSha] } },
        { route: "POST /repos/{owner}/{repo}/git/refs", params: { ...repo, ref: `refs/heads/${branch}` } },
        { route: "POST /repos/{owner}/{repo}/pulls", params: { ...repo, title: action.title, body: action.body, head: branch, base: action.headRef } },
      ];
    }
  }
}

type Performed = { url: string | null; result: unknown; status?: "skipped"; note?: string };

/** Sends one action. `replay` is true when an intent was recorded but no result (a crash in between). */
async function perform(gh: GithubClient, action: GithubAction, key: string, replay: boolean): Promise<Performed> {
  const repo = { owner: action.owner, repo: action.repo };
  switch (action.kind) {
    case "comment": {
      // One comment per PR, found again by its marker and edited in place.
      const [create] = requestsOf(action);
      const mine = await findMemoComment(gh, repo, action.pr);
      const res = mine
        ? await sendAllowed(gh, "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", { ...repo, comment_id: mine.id, body: create!.params.body })
        : await sendAllowed(gh, create!.route, create!.params);
      return { url: (res.data as { html_url?: string }).html_url ?? null, result: { commentId: (res.data as { id: number }).id, updated: Boolean(mine) } };
    }
    case "check_run": {
      const [first, ...rest] = requestsOf(action, key);
      // After a crash the check run may exist already: found by our external_id, it is completed instead of duplicated.
      const earlier = replay ? await findCheckRun(gh, repo, action.headSha, key) : null;
      const created = earlier ?? ((await sendAllowed(gh, first!.route, first!.params)).data as { id: number; html_url?: string });
      if (earlier) await sendAllowed(gh, "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", { ...repo, check_run_id: earlier.id, ...first!.params });
      for (const page of rest) await sendAllowed(gh, page.route, { ...page.params, check_run_id: created.id });
      return { url: created.html_url ?? null, result: { checkRunId: created.id, annotationPages: rest.length + 1, reused: Boolean(earlier) } };
    }
    case "rerun_failed_jobs": {
      // At most once per attempt: a run already re-run (by us before a crash, or by a person) is left alone.
      const { data: run } = await sendAllowed(gh, "GET /repos/{owner}/{repo}/actions/runs/{run_id}", { ...repo, run_id: action.runId }) as { data: { run_attempt?: number; status?: string; html_url?: string } };
      if ((run.run_attempt ?? 1) > action.runAttempt || run.status !== "completed") {
        return { url: run.html_url ?? null, status: "skipped", note: `workflow run ${action.runId} is already at attempt ${run.run_attempt} (${run.status})`, result: { runAttempt: run.run_attempt, status: run.status } };
      }
      const [request] = requestsOf(action);
      await sendAllowed(gh, request!.route, request!.params);
      return { url: run.html_url ?? null, result: { rerunOfAttempt: action.runAttempt } };
    }
    case "protection_rule_answer": {
      const [request] = requestsOf(action);
      try {
        await sendAllowed(gh, request!.route, request!.params);
      } catch (error) {
        // GitHub refuses a second answer; after a crash that means the first one arrived.
        if (replay && (error as { status?: number }).status === 422) return { url: null, result: { alreadyAnswered: true } };
        throw error;
      }
      return { url: null, result: { state: action.state } };
    }
    case "bot_pr": {
      const opened = await openBotPullRequest(gh, action);
      return { url: opened.url, result: opened };
    }
  }
}

async function findMemoComment(gh: GithubClient, repo: { owner: string; repo: string }, pr: number) {
  for (let page = 1; page <= 30; page++) {
    const { data } = await sendAllowed(gh, "GET /repos/{owner}/{repo}/issues/{issue_number}/comments", { ...repo, issue_number: pr, per_page: 100, page }) as { data: { id: number; body?: string }[] };
    const mine = data.find((c) => c.body?.startsWith(MEMO_MARKER));
    if (mine || data.length < 100) return mine ?? null;
  }
  return null;
}

async function findCheckRun(gh: GithubClient, repo: { owner: string; repo: string }, headSha: string, key: string) {
  const { data } = await sendAllowed(gh, "GET /repos/{owner}/{repo}/commits/{ref}/check-runs", { ...repo, ref: headSha, check_name: "fixforward", per_page: 100 }) as { data: { check_runs: { id: number; external_id?: string | null; html_url?: string }[] } };
  return data.check_runs.find((r) => r.external_id === key) ?? null;
}

/**
 * Runs the actions of one agent run, exactly once each: every action is recorded in D1 before
 * (intent) and after (result) under its idempotency key, so a replayed run skips what succeeded and
 * reconciles what was sent but never recorded. Without a client (dry-run) the exact requests are
 * recorded and nothing is sent.
 */
export async function executeActions(db: Db, gh: GithubClient | null, runId: number, list: GithubAction[]): Promise<ActionOutcome[]> {
  const outcomes: ActionOutcome[] = [];
  for (const action of list) {
    const target = targetOf(action);
    const dryRun = gh === null;
    const key = idempotencyKeyOf(runId, action, dryRun);
    const prior = await db.select().from(actionsTable).where(eq(actionsTable.idempotencyKey, key)).get();
    if (prior && prior.status !== "pending" && prior.status !== "failed") {
      outcomes.push({ kind: action.kind, target, status: prior.status, dryRun: prior.dryRun, url: prior.url, replayed: true });
      continue;
    }
    if (!prior) {
      await db.insert(actionsTable).values({ agentRunId: runId, kind: action.kind, target, idempotencyKey: key, payload: requestsOf(action, key), status: "pending", dryRun }).onConflictDoNothing().run();
    }
    const finish = (status: "succeeded" | "failed" | "skipped" | "dry_run", fields: { url?: string | null; result?: unknown; error?: string }) =>
      db.update(actionsTable).set({ status, url: fields.url ?? null, result: fields.result ?? null, error: fields.error ?? null, updatedAt: new Date().toISOString() })
        .where(eq(actionsTable.idempotencyKey, key)).run();
    if (dryRun) {
      await finish("dry_run", { result: { wouldSend: requestsOf(action, key) } });
      outcomes.push({ kind: action.kind, target, status: "dry_run", dryRun: true, url: null, replayed: false });
      continue;
    }
    try {
      const done = await perform(gh, action, key, prior?.status === "pending");
      const status = done.status ?? "succeeded";
      await finish(status, { url: done.url, result: done.result, ...(done.note ? { error: done.note } : {}) });
      outcomes.push({ kind: action.kind, target, status, dryRun: false, url: done.url, ...(done.note ? { error: done.note } : {}), replayed: false });
    } catch (error) {
      const message = (error as Error).message;
      await finish("failed", { error: message });
      outcomes.push({ kind: action.kind, target, status: "failed", dryRun: false, url: null, error: message, replayed: false });
    }
  }
  return outcomes;
}
