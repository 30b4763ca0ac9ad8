import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { freshRepo, standin } from "../../test/worker/standin";
import { createGithubClient } from "./create-github-client";
import { listCheckRunsForRef, listFailedJobs, listPullCommits, listWorkflowRunsForSha, readFileAt, streamJobLog } from "./read-repository";

// The stand-in serves examples/failing-ci/github for any repository.
const apiUrl = env.GITHUB_API_URL!;
const headSha = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const client = (maxRetryWaitMs = 60_000) => {
  const waits: number[] = [];
  const gh = createGithubClient({ apiUrl, credentials: { kind: "none" }, maxRetryWaitMs, sleep: async (ms) => void waits.push(ms) });
  return { gh, waits };
};

describe("reading a repository through Octokit", () => {
  it("reads file contents at a ref, and null for a file that is not there", async () => {
    const { gh } = client();
    const r = freshRepo();
    expect(await readFileAt(gh, r, "src/greeting.ts", headSha)).toContain("export function greeting");
    expect(await readFileAt(gh, r, "does/not/exist.ts", headSha)).toBeNull();
  });

  it("lists the head commit's workflow runs, check runs, failed jobs and the PR's commits", async () => {
    const { gh } = client();
    const r = freshRepo();
    expect(await listWorkflowRunsForSha(gh, r, headSha)).toEqual([expect.objectContaining({ id: 1589141559, conclusion: "failure", runAttempt: 1 })]);
    expect(await listWorkflowRunsForSha(gh, r, "0".repeat(40))).toEqual([]);
    expect(await listCheckRunsForRef(gh, r, headSha)).toEqual([expect.objectContaining({ id: 289782451, name: "test", conclusion: "failure" })]);
    expect(await listFailedJobs(gh, r, 1589141559)).toEqual([expect.objectContaining({ id: 289782451, failedStep: "Run npm test", runAttempt: 1 })]);
    expect(await listPullCommits(gh, r, 2)).toEqual([{ sha: headSha, message: "Greet by name", author: "Codertocat" }]);
  });

  it("follows the log redirect and streams the log; an expired log is reported, not thrown", async () => {
    const r = freshRepo();
    const log = await streamJobLog(apiUrl, undefined, r, 289782451);
    expect(log.ok).toBe(true);
    if (log.ok) {
      expect(log.url).toMatch(/\/_blob\/logs\/289782451$/);
      expect(await new Response(log.stream).text()).toContain("error TS2551");
    }
    expect(await streamJobLog(apiUrl, undefined, r, 1)).toEqual({ ok: false, reason: "expired", message: expect.stringMatching(/^fixforward: the log of job 1 is no longer available \(410/) });
    expect(await streamJobLog("http://127.0.0.1:9", undefined, r, 1)).toMatchObject({ ok: false, reason: "error" });
  });

  it("waits out a rate limit as long as retry-after says, then succeeds", async () => {
    const { gh, waits } = client();
    const r = freshRepo();
    await standin.rateLimit({ path: `/repos/${r.owner}/${r.repo}/contents/`, times: 2, retryAfter: 7 });
    expect(await readFileAt(gh, r, "src/greeting.ts", headSha)).toContain("greeting");
    expect(waits).toEqual([7000, 7000]);
  });

  it("waits until x-ratelimit-reset when the quota is exhausted", async () => {
    const { gh, waits } = client();
    const r = freshRepo();
    await standin.rateLimit({ path: `/repos/${r.owner}/${r.repo}/contents/`, times: 1, resetInSeconds: 30 });
    expect(await readFileAt(gh, r, "src/greeting.ts", headSha)).toContain("greeting");
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(28_000);
    expect(waits[0]).toBeLessThanOrEqual(31_000);
  });

  it("never hammers: gives up after two waits, and at once when the wait is longer than allowed", async () => {
    const persistent = client();
    const r = freshRepo();
    await standin.rateLimit({ path: `/repos/${r.owner}/${r.repo}/contents/a`, times: 5, retryAfter: 1 });
    await expect(readFileAt(persistent.gh, r, "a", headSha)).rejects.toMatchObject({ status: 403 });
    expect(persistent.waits).toEqual([1000, 1000]);
    const impatient = client(10_000);
    await standin.rateLimit({ path: `/repos/${r.owner}/${r.repo}/contents/b`, times: 1, retryAfter: 3600 });
    await expect(readFileAt(impatient.gh, r, "b", headSha)).rejects.toMatchObject({ status: 403 });
    expect(impatient.waits).toEqual([]);
  });
});
