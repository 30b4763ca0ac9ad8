// End to end in workerd, acting on GitHub: signed deliveries of the bundled failing-CI scenario →
// queue → PR room → the GitHub stand-in (test/github-server) serving the real failing log → the memo
// comment, a check run with annotations, a bot PR with the compiler's fix, a rerun for a flaky case,
// a run suspended at the gate and resumed by approve — and a redelivery that changes nothing.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import pullRequestOpened from "../../examples/failing-ci/01-pull_request.opened.json";
import workflowJobCompleted from "../../examples/failing-ci/02-workflow_job.completed.json";
import workflowRunCompleted from "../../examples/failing-ci/03-workflow_run.completed.json";
import { api, deliver, example, newDeliveryId, scenarioInRepository, waitFor, waitForDelivery, type Payload } from "../worker/helpers";
import { standin } from "../worker/standin";

const headSha = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const scenario = scenarioInRepository();
const repo = { owner: scenario.owner, repo: scenario.repo };

const runFor = (deliveryId: string, statuses = ["succeeded", "failed", "waiting_approval"]) =>
  waitFor(async () => {
    const row = await env.DB.prepare("SELECT id, status FROM agent_runs WHERE trigger_key LIKE ? ORDER BY id DESC").bind(`delivery:${deliveryId}:%`).first<{ id: number; status: string }>();
    return row && statuses.includes(row.status) ? row : undefined;
  }, `the run of ${deliveryId}`, 30_000);
const runOf = (id: number) => api<{ agentRun: Payload; events: Payload[] }>(`/agent-runs/${id}`).then((r) => r.body);
const actionsOf = async (runId: number) => (await env.DB.prepare("SELECT kind, status, dry_run, url FROM actions WHERE agent_run_id = ? ORDER BY id").bind(runId).all<Payload>()).results;

beforeAll(async () => {
  await standin.seed(repo, { defaultBranch: "master", pulls: { 2: { head: { ref: "changes", sha: headSha } }, 78: { head: { ref: "big-change", sha: "b".repeat(40) } } } });
});

describe("failing CI, end to end (acting on the GitHub stand-in)", () => {
  it("triages the real log, comments the memo, annotates a check run and opens a bot PR with the compiler's fix; a redelivery changes nothing", async () => {
    for (const file of [pullRequestOpened, workflowJobCompleted]) {
      const { id } = await deliver(file.event, scenario.move(file.payload));
      await waitForDelivery(id);
    }
    const runDelivery = newDeliveryId();
    const first = await deliver("workflow_run", scenario.move(workflowRunCompleted.payload), { id: runDelivery });
    expect(first.response.status).toBe(202);
    const run = await runFor(runDelivery);
    expect(run.status).toBe("succeeded");
    const { agentRun, events } = await runOf(run.id);
    const result = agentRun.result;

    const failure = result.triage.failures[0];
    expect(failure.category).toBe("build");
    expect(failure.excerpts).toEqual([{ start: 13, end: 13 }]);
    expect(failure.lines[0].text).toMatch(/error TS2551: Property 'lenght' does not exist/);
    expect(failure.locations).toContainEqual({ file: "src/greeting.ts", line: 2, column: 13 });
    expect(failure.flaky.verdict).toBe("not_flaky");
    expect(result.patch).toMatchObject({ status: "proposed", source: "tsc-did-you-mean" });
    expect(result.testSelection.selected.map((t: Payload) => t.test)).toContain("test/greeting.test.ts");
    expect(result.policyGate.verdict).toBe("deny");
    expect(events.filter((e) => e.type === "node.finished").map((e) => e.node)).toEqual(
      ["prContext", "ciLogs", "triage", "testSelection", "patch", "sloTelemetry", "rolloutPlan", "policyGate", "memo", "actions"]);

    // What GitHub now holds.
    const recorded = await actionsOf(run.id);
    expect(recorded.map((a) => `${a.kind}:${a.status}:${a.dry_run}`)).toEqual(expect.arrayContaining(["comment:succeeded:0", "check_run:succeeded:0"]));
    const github = await standin.state(repo);
    const memos = github.comments.filter((c) => c.issue === 2);
    expect(memos).toHaveLength(1);
    expect(memos[0]!.body).toMatch(/## fixforward · ❌ Blocked/);
    expect(memos[0]!.body).toContain("src/greeting.ts(2,13): error TS2551");
    // Excerpt lines link into GitHub's job log, numbered within the failing step (step 2 starts at raw line 8).
    expect(memos[0]!.body).toContain("[line 13](https://github.com/octo-org/octo-repo/runs/1291536064#step:2:6)");
    const checkRun = github.checkRuns.find((c) => c.external_id === `run:${run.id}:check_run:${repo.owner}/${repo.repo}@${headSha}`)!;
    expect(checkRun).toMatchObject({ name: "fixforward", head_sha: headSha, conclusion: "failure" });
    expect(checkRun.annotations).toContainEqual(expect.objectContaining({ path: "src/greeting.ts", start_line: 2, annotation_level: "failure" }));
    expect(github.createdPulls).toEqual([expect.objectContaining({ head: `fixforward/2-${headSha.slice(0, 7)}`, base: "changes" })]);
    const blobs = Object.values(github.objects).filter((o) => o.type === "blob").map((o) => o.content);
    expect(blobs.join("\n")).toContain("names.length");
    expect(Object.keys(github.refs)).toEqual([`refs/heads/fixforward/2-${headSha.slice(0, 7)}`]);

    // A redelivery of the same webhook changes nothing: no second run, nothing more sent to GitHub.
    const writes = (await standin.requests(repo)).length;
    const again = await deliver("workflow_run", scenario.move(workflowRunCompleted.payload), { id: runDelivery });
    expect(again.response.status).toBe(202);
    // Once a delivery sent after it is processed, the queue has reached past the redelivery.
    const sentinel = await deliver("push", example("push"));
    await waitForDelivery(sentinel.id);
    const runs = await env.DB.prepare("SELECT COUNT(*) AS n FROM agent_runs WHERE trigger_key LIKE ?").bind(`delivery:${runDelivery}:%`).first<{ n: number }>();
    expect(runs!.n).toBe(1);
    expect((await standin.requests(repo)).length).toBe(writes);
  });

  it("calls the same failure on another pull request flaky, and re-runs the failed jobs once instead of patching", async () => {
    const payload = scenario.move(workflowRunCompleted.payload);
    const ref = payload.workflow_run.pull_requests[0];
    ref.number = 77;
    ref.head.sha = "f".repeat(40);
    payload.workflow_run.head_sha = ref.head.sha;
    payload.workflow_run.id = 1589141999;
    const id = newDeliveryId();
    await deliver("workflow_run", payload, { id });
    const run = await runFor(id);
    const { agentRun } = await runOf(run.id);
    const failure = agentRun.result.triage.failures[0];
    expect(failure.flaky.verdict).toBe("flaky");
    expect(failure.flaky.evidence.join(" ")).toMatch(/same failure on pull request/);
    expect(agentRun.result.patch.status).toBe("rerun");
    expect((await actionsOf(run.id)).map((a) => `${a.kind}:${a.status}`)).toContain("rerun_failed_jobs:succeeded");
    expect((await standin.state(repo)).reruns).toEqual([1589141999]);
  });

  it("suspends a risky change at the gate, and approve resumes it to a memo that says who approved", async () => {
    const payload = scenario.move(pullRequestOpened.payload);
    payload.number = payload.pull_request.number = 78;
    payload.pull_request.id += 78;
    payload.pull_request.head.sha = "b".repeat(40);
    payload.pull_request.head.ref = "big-change";
    Object.assign(payload.pull_request, { additions: 2400, deletions: 300, changed_files: 40 });
    const id = newDeliveryId();
    await deliver("pull_request", payload, { id });
    const waiting = await runFor(id, ["waiting_approval", "succeeded", "failed"]);
    expect(waiting.status).toBe("waiting_approval");
    expect((await standin.state(repo)).comments.filter((c) => c.issue === 78)).toEqual([]);

    const approved = await api(`/agent-runs/${waiting.id}/approve`, { method: "POST", body: JSON.stringify({ by: "octocat", reason: "watched the canary" }) });
    expect(approved.status).toBe(200);
    const done = await runFor(id, ["succeeded", "failed"]);
    expect(done.status).toBe("succeeded");
    const memo = (await standin.state(repo)).comments.filter((c) => c.issue === 78);
    expect(memo).toHaveLength(1);
    expect(memo[0]!.body).toMatch(/approved by @?octocat/i);
  });

  it("selects tests that failed on earlier pull requests touching the same files", async () => {
    const prRow = await env.DB.prepare("SELECT id FROM pull_requests WHERE repository_id = ? AND number = 2").bind(scenario.repositoryId).first<{ id: number }>();
    // Two earlier pull requests that changed src/greeting.ts saw this test fail (as triage records it).
    for (const earlierPr of [900_001, 900_002]) {
      await env.DB.prepare("INSERT INTO test_failures_by_path (repository_id, path, test, pull_request_id) VALUES (?, 'src/greeting.ts', 'greeting › greets nobody', ?)").bind(scenario.repositoryId, earlierPr).run();
    }
    const started = await api<{ agentRunId: number }>(`/prs/${prRow!.id}/orchestrate`, { method: "POST", body: "{}" });
    const done = await waitFor(async () => {
      const { agentRun } = await runOf(started.body.agentRunId);
      return ["succeeded", "failed"].includes(agentRun.status) ? agentRun : undefined;
    }, "the orchestrated run", 30_000);
    expect(done.result.testSelection.selected).toContainEqual({ test: "greeting › greets nobody", reasons: ["failed on 2 earlier pull requests that also changed src/greeting.ts"], confidence: "likely" });
  });
});
