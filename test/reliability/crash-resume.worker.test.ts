// Crash-resume: a run aborted before each of the ten nodes in turn completes from its checkpoint —
// the nodes before the crash do not run again — and nothing is done twice on GitHub.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import pullRequestOpened from "../../examples/failing-ci/01-pull_request.opened.json";
import workflowJobCompleted from "../../examples/failing-ci/02-workflow_job.completed.json";
import { createAgentRun } from "../../worker/runs/create-agent-run";
import { nodeNames } from "../../worker/workflow/state";
import { api, deliver, scenarioInRepository, waitFor, waitForDelivery, type Payload } from "../worker/helpers";
import { standin } from "../worker/standin";

const headSha = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";

describe("crash-resume at every node", () => {
  it.each(nodeNames)("a crash before %s resumes there and acts once", async (node) => {
    const scenario = scenarioInRepository(`crash-${node}`);
    const repo = { owner: scenario.owner, repo: scenario.repo };
    await standin.seed(repo, { defaultBranch: "master", pulls: { 2: { head: { ref: "changes", sha: headSha } } } });
    // The PR (an "edited" delivery records it without starting a run) and its failed job.
    const pr = scenario.move(pullRequestOpened.payload);
    pr.action = "edited";
    for (const [event, payload] of [["pull_request", pr], [workflowJobCompleted.event, scenario.move(workflowJobCompleted.payload)]] as const) {
      await waitForDelivery((await deliver(event, payload)).id);
    }
    const prRow = await env.DB.prepare("SELECT id FROM pull_requests WHERE repository_id = ? AND number = 2").bind(scenario.repositoryId).first<{ id: number }>();
    const run = await createAgentRun(env, { prId: prRow!.id, triggerKey: `crash:${node}:${crypto.randomUUID()}`, trigger: "manual:test", mode: "fix-forward", faultBeforeNode: node });

    const done = await waitFor(async () => {
      const { body } = await api<{ agentRun: Payload; events: Payload[] }>(`/agent-runs/${run!.runId}`);
      return ["succeeded", "failed"].includes(body.agentRun.status) ? body : undefined;
    }, `run crashed before ${node}`, 30_000);
    expect(done.agentRun.status).toBe("succeeded");
    expect(done.agentRun.attempts).toBe(2);
    const events = done.events as { type: string; node?: string; next?: string[] }[];
    expect(events.filter((e) => e.type === "node.failed").map((e) => e.node)).toEqual([node]);
    expect(events.find((e) => e.type === "run.resumed")?.next).toEqual([node]);
    for (const name of nodeNames) {
      expect(events.filter((e) => e.type === "node.started" && e.node === name).length, `${name} started`).toBe(1);
      expect(events.filter((e) => e.type === "node.finished" && e.node === name).length, `${name} finished`).toBe(1);
    }

    expect(done.agentRun.result.actions.actions.map((a: Payload) => `${a.kind}:${a.status}${a.error ? `:${a.error}` : ""}`)).toEqual(["comment:succeeded", "check_run:succeeded", "bot_pr:succeeded"]);
    // GitHub got one memo, one check run, one bot PR on one new branch.
    const github = await standin.state(repo);
    expect(github.comments).toHaveLength(1);
    expect(github.checkRuns).toHaveLength(1);
    expect(github.createdPulls).toHaveLength(1);
    expect(Object.keys(github.refs)).toEqual([`refs/heads/fixforward/2-${headSha.slice(0, 7)}`]);
    const writes = (await standin.requests(repo)).map((r) => `${r.method} ${r.path.split("/").slice(4).join("/")}`);
    expect(writes.filter((w) => w.startsWith("POST issues/")), "comment posts").toHaveLength(1);
    expect(writes.filter((w) => w === "POST check-runs"), "check runs created").toHaveLength(1);
    expect(writes.filter((w) => w === "POST pulls"), "pull requests opened").toHaveLength(1);
  });
});
