import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { freshRepo, standin } from "../../test/worker/standin";
import { openDb } from "../db";
import { createGithubClient, type GithubClient } from "./create-github-client";
import { executeActions, MEMO_MARKER, type Annotation, type GithubAction } from "./execute-actions";
import { sendAllowed } from "./send-allowed";

const db = openDb(env.DB);
const gh: GithubClient = createGithubClient({ apiUrl: env.GITHUB_API_URL!, credentials: { kind: "token", token: "ghp_test" } });
const headSha = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";
let repo: { owner: string; repo: string };
let nextRunId = 800_000 + Math.floor(Math.random() * 100_000);
const runId = () => nextRunId++;
const rows = (key: string) => env.DB.prepare("SELECT * FROM actions WHERE idempotency_key LIKE ? ORDER BY id").bind(`%${key}%`).all<Record<string, any>>().then((r) => r.results);

beforeEach(() => {
  repo = freshRepo();
});

describe("action executor", () => {
  it("posts one memo comment per PR and updates it in place on the next decision", async () => {
    const [first] = await executeActions(db, gh, runId(), [{ kind: "comment", ...repo, pr: 5, body: "first decision" }]);
    const [second] = await executeActions(db, gh, runId(), [{ kind: "comment", ...repo, pr: 5, body: "second decision" }]);
    expect([first!.status, second!.status]).toEqual(["succeeded", "succeeded"]);
    const { comments } = await standin.state(repo);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toBe(`${MEMO_MARKER}\nsecond decision`);
    expect(second!.url).toBe(first!.url);
  });

  it("finds its comment among more than a page of other comments", async () => {
    // 120 comments first, so the memo is on the second page of 100.
    for (let i = 0; i < 120; i++) await gh.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { ...repo, issue_number: 6, body: `chatter ${i}` });
    await executeActions(db, gh, runId(), [{ kind: "comment", ...repo, pr: 6, body: "memo" }]);
    expect((await standin.state(repo)).comments).toHaveLength(121);
    await executeActions(db, gh, runId(), [{ kind: "comment", ...repo, pr: 6, body: "updated memo" }]);
    const after = await standin.state(repo);
    expect(after.comments.filter((c) => c.body.startsWith(MEMO_MARKER))).toHaveLength(1);
    expect(after.comments.find((c) => c.body.startsWith(MEMO_MARKER))!.body).toContain("updated memo");
  });

  it("pages check-run annotations 50 per request and keeps all of them", async () => {
    const annotations: Annotation[] = Array.from({ length: 120 }, (_, i) => ({ path: `src/f${i}.ts`, start_line: i + 1, end_line: i + 1, annotation_level: "failure", message: `error ${i}` }));
    const [outcome] = await executeActions(db, gh, runId(), [{ kind: "check_run", ...repo, headSha, conclusion: "failure", title: "Build failed", summary: "tsc error", annotations }]);
    expect(outcome!.status).toBe("succeeded");
    const { checkRuns } = await standin.state(repo);
    expect(checkRuns).toHaveLength(1);
    expect(checkRuns[0]).toMatchObject({ name: "fixforward", head_sha: headSha, conclusion: "failure" });
    expect(checkRuns[0]!.annotations).toHaveLength(120);
    const writes = await standin.requests(repo);
    expect(writes.map((w) => `${w.method} ${((w.body as { output?: { annotations?: unknown[] } }).output?.annotations ?? []).length}`)).toEqual(["POST 50", "PATCH 50", "PATCH 20"]);
  });

  it("re-runs failed jobs at most once per run attempt, whichever run asks", async () => {
    const rerun: GithubAction = { kind: "rerun_failed_jobs", ...repo, runId: 31, runAttempt: 1 };
    const [a] = await executeActions(db, gh, runId(), [rerun]);
    const [b] = await executeActions(db, gh, runId(), [rerun]);
    expect(a!.status).toBe("succeeded");
    expect(b).toMatchObject({ status: "succeeded", replayed: true });
    expect((await standin.state(repo)).reruns).toEqual([31]);
    // Attempt 1 was re-run (the stand-in is now at attempt 2); a person re-ran it again meanwhile: attempt 2 is not re-run by us.
    await gh.request("POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs", { ...repo, run_id: 32 });
    const [c] = await executeActions(db, gh, runId(), [{ ...rerun, runId: 32 }]);
    expect(c).toMatchObject({ status: "skipped", error: expect.stringMatching(/already at attempt 2/) });
    expect((await standin.state(repo)).reruns).toEqual([31, 32]);
  });

  it("answers a deployment protection rule once", async () => {
    const answer: GithubAction = { kind: "protection_rule_answer", ...repo, runId: 41, environment: "production", state: "rejected", comment: "error budget exhausted" };
    await executeActions(db, gh, runId(), [answer]);
    const [again] = await executeActions(db, gh, runId(), [answer]);
    expect(again!.replayed).toBe(true);
    expect((await standin.state(repo)).protectionAnswers).toEqual([{ runId: 41, environment_name: "production", state: "rejected", comment: "error budget exhausted" }]);
  });

  it("opens a bot PR from a new fixforward/ branch into the PR's head branch, through the git data API", async () => {
    await standin.seed(repo, { pulls: { 7: { head: { ref: "feature/greeting", sha: headSha } } } });
    const files = [{ path: "src/greeting.ts", content: "export const greeting: string = 'hi';\n" }];
    const [outcome] = await executeActions(db, gh, runId(), [{ kind: "bot_pr", ...repo, pr: 7, headRef: "feature/greeting", headSha, files, title: "fixforward: fix the type", body: "diff" }]);
    expect(outcome).toMatchObject({ status: "succeeded", url: expect.stringMatching(/\/pull\/\d+$/) });
    const state = await standin.state(repo);
    expect(Object.keys(state.refs)).toEqual([`refs/heads/fixforward/7-${headSha.slice(0, 7)}`]);
    expect(state.createdPulls).toEqual([expect.objectContaining({ head: `fixforward/7-${headSha.slice(0, 7)}`, base: "feature/greeting" })]);
    const commit = state.objects[state.refs[`refs/heads/fixforward/7-${headSha.slice(0, 7)}`]!]!;
    expect(commit.parents).toEqual([{ sha: headSha }]);
    expect(Object.values(state.objects).filter((o) => o.type === "blob").map((o) => o.content)).toEqual([files[0]!.content]);
    const methods = (await standin.requests(repo)).map((w) => `${w.method} ${w.path.replace(`/repos/${repo.owner}/${repo.repo}`, "")}`);
    expect(methods).toEqual(["POST /git/blobs", "POST /git/trees", "POST /git/commits", "POST /git/refs", "POST /pulls"]);
  });

  it("never opens a bot PR into the default branch, from a fork, or for a head that moved", async () => {
    await standin.seed(repo, { pulls: {
      1: { head: { ref: "main", sha: headSha } },
      2: { head: { ref: "patch-1", sha: headSha, repo: "someone/fork" } },
      3: { head: { ref: "feature/x", sha: "f".repeat(40) } },
    } });
    const bot = (pr: number, headRef: string): GithubAction => ({ kind: "bot_pr", ...repo, pr, headRef, headSha, files: [{ path: "a.ts", content: "x" }], title: "t", body: "b" });
    const outcomes = await executeActions(db, gh, runId(), [bot(1, "main"), bot(2, "patch-1"), bot(3, "feature/x")]);
    expect(outcomes.map((o) => o.status)).toEqual(["failed", "failed", "failed"]);
    expect(outcomes.map((o) => o.error)).toEqual([
      expect.stringMatching(/into the default branch \(main\)/), expect.stringMatching(/in a fork/), expect.stringMatching(/head moved to fffffff/),
    ]);
    const state = await standin.state(repo);
    expect([state.refs, state.createdPulls, await standin.requests(repo)]).toEqual([{}, [], []]);
  });

  it("cannot merge, delete, or push to the default branch: no such action exists and the writer refuses the routes", async () => {
    // @ts-expect-error — "merge" is not an action fixforward can express
    const merge: GithubAction = { kind: "merge", ...repo, pr: 1 };
    expect(merge).toBeTruthy();
    await expect(sendAllowed(gh, "PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge", { ...repo, pull_number: 1 })).rejects.toThrow(/^fixforward: refusing GitHub request outside the allowlist/);
    await expect(sendAllowed(gh, "DELETE /repos/{owner}/{repo}/git/refs/{ref}", { ...repo, ref: "heads/main" })).rejects.toThrow(/outside the allowlist/);
    await expect(sendAllowed(gh, "PATCH /repos/{owner}/{repo}/git/refs/{ref}", { ...repo, ref: "heads/main", sha: headSha, force: true })).rejects.toThrow(/outside the allowlist/);
    await expect(sendAllowed(gh, "PUT /repos/{owner}/{repo}/contents/{path}", { ...repo, path: "x", message: "m", content: "" })).rejects.toThrow(/outside the allowlist/);
    await expect(sendAllowed(gh, "POST /repos/{owner}/{repo}/git/refs", { ...repo, ref: "refs/heads/main", sha: headSha })).rejects.toThrow(/only new fixforward\/\* branches/);
    await expect(sendAllowed(gh, "POST /repos/{owner}/{repo}/pulls", { ...repo, head: "main", base: "release" })).rejects.toThrow(/from fixforward\/\* branches only/);
    expect(await standin.requests(repo)).toEqual([]);
  });

  it("in dry-run records the exact requests and sends nothing", async () => {
    const id = runId();
    const outcomes = await executeActions(db, null, id, [
      { kind: "comment", ...repo, pr: 9, body: "memo" },
      { kind: "rerun_failed_jobs", ...repo, runId: 51, runAttempt: 2 },
    ]);
    expect(outcomes.map((o) => [o.status, o.dryRun])).toEqual([["dry_run", true], ["dry_run", true]]);
    const [comment, rerun] = [...(await rows(`${repo.repo}#9`)), ...(await rows(`${repo.repo}/runs/51`))];
    expect(JSON.parse(comment!.result).wouldSend).toEqual([{ route: "POST /repos/{owner}/{repo}/issues/{issue_number}/comments", params: { ...repo, issue_number: 9, body: `${MEMO_MARKER}\nmemo` } }]);
    expect(JSON.parse(rerun!.result).wouldSend[0].route).toBe("POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs");
    expect([comment!.dry_run, rerun!.dry_run]).toEqual([1, 1]);
    expect(await standin.requests(repo)).toEqual([]);
  });

  it("records intent before sending and the result after; a failure keeps the intent and its reason", async () => {
    await standin.rateLimit({ path: `/repos/${repo.owner}/${repo.repo}/issues/4/comments`, times: 3, retryAfter: 3600 });
    const [outcome] = await executeActions(db, gh, runId(), [{ kind: "comment", ...repo, pr: 4, body: "memo" }]);
    expect(outcome!.status).toBe("failed");
    const [row] = await rows(`${repo.repo}#4`);
    expect(row).toMatchObject({ status: "failed", error: expect.stringMatching(/rate limit/i) });
    expect(JSON.parse(row!.payload)[0].route).toBe("POST /repos/{owner}/{repo}/issues/{issue_number}/comments");
  });

  it("after a crash between sending and recording the result, a replay writes nothing twice", async () => {
    await standin.seed(repo, { pulls: { 12: { head: { ref: "feature/y", sha: headSha } } } });
    const id = runId();
    const decision: GithubAction[] = [
      { kind: "comment", ...repo, pr: 12, body: "memo" },
      { kind: "check_run", ...repo, headSha, conclusion: "failure", title: "t", summary: "s", annotations: [] },
      { kind: "rerun_failed_jobs", ...repo, runId: 61, runAttempt: 1 },
      { kind: "protection_rule_answer", ...repo, runId: 62, environment: "production", state: "approved", comment: "ok" },
      { kind: "bot_pr", ...repo, pr: 12, headRef: "feature/y", headSha, files: [{ path: "a.ts", content: "fixed" }], title: "t", body: "b" },
    ];
    expect((await executeActions(db, gh, id, decision)).map((o) => o.status)).toEqual(["succeeded", "succeeded", "succeeded", "succeeded", "succeeded"]);
    const before = await standin.state(repo);
    // The crash: every request reached GitHub, but no result was written (the intents stay pending).
    await env.DB.prepare("UPDATE actions SET status = 'pending', url = NULL, result = NULL WHERE idempotency_key LIKE ?").bind(`%${repo.repo}%`).run();
    const replay = await executeActions(db, gh, id, decision);
    expect(replay.map((o) => o.status)).toEqual(["succeeded", "succeeded", "skipped", "succeeded", "succeeded"]);
    const after = await standin.state(repo);
    expect(after.comments).toHaveLength(1);
    expect(after.checkRuns).toHaveLength(1);
    expect(after.checkRuns[0]!.id).toBe(before.checkRuns[0]!.id);
    expect(after.reruns).toEqual([61]);
    expect(after.protectionAnswers).toHaveLength(1);
    expect(after.createdPulls).toHaveLength(1);
    expect(Object.keys(after.refs)).toHaveLength(1);
    // And once recorded, a further replay sends nothing at all.
    const writes = (await standin.requests(repo)).length;
    expect((await executeActions(db, gh, id, decision)).every((o) => o.replayed)).toBe(true);
    expect((await standin.requests(repo)).length).toBe(writes);
  });
});
