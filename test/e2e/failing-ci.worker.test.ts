// End to end in workerd: signed deliveries of the bundled failing-CI scenario → queue → PR room →
// the GitHub stand-in serving the real failing log → memo, check run with annotations, patch, actions.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import pullRequestOpened from "../../examples/failing-ci/01-pull_request.opened.json";
import workflowJobCompleted from "../../examples/failing-ci/02-workflow_job.completed.json";
import workflowRunCompleted from "../../examples/failing-ci/03-workflow_run.completed.json";
import { api, deliver, newDeliveryId, waitFor, waitForDelivery, type Payload } from "../worker/helpers";

const runFor = (deliveryId: string) =>
  waitFor(async () => {
    const row = await env.DB.prepare("SELECT id, status FROM agent_runs WHERE trigger_key LIKE ?").bind(`delivery:${deliveryId}:%`).first<{ id: number; status: string }>();
    return row && ["succeeded", "failed", "waiting_approval"].includes(row.status) ? row : undefined;
  }, `the run of ${deliveryId}`, 30_000);
const actionsOf = async (runId: number) => (await env.DB.prepare("SELECT kind, status, dry_run, payload, result FROM actions WHERE agent_run_id = ? ORDER BY id").bind(runId).all<Payload>()).results;

describe("failing CI, end to end (dry-run)", () => {
  it("triages the real log, proposes the compiler's fix, and records one memo, check run and bot PR", async () => {
    for (const file of [pullRequestOpened, workflowJobCompleted]) {
      const { id } = await deliver(file.event, file.payload);
      await waitForDelivery(id);
    }
    const runDelivery = newDeliveryId();
    const first = await deliver("workflow_run", workflowRunCompleted.payload, { id: runDelivery });
    expect(first.response.status).toBe(202);
    const run = await runFor(runDelivery);
    expect(run.status).toBe("succeeded");
    const { body } = await api<{ agentRun: Payload; events: Payload[] }>(`/agent-runs/${run.id}`);
    const result = body.agentRun.result;

    const failure = result.triage.failures[0];
    expect(failure.category).toBe("build");
    expect(failure.excerpts).toEqual([{ start: 13, end: 13 }]);
    expect(failure.lines[0].text).toMatch(/error TS2551: Property 'lenght' does not exist/);
    expect(failure.locations).toContainEqual({ file: "src/greeting.ts", line: 2, column: 13 });
    expect(failure.flaky.verdict).toBe("not_flaky");

    expect(result.patch).toMatchObject({ status: "proposed", source: "tsc-did-you-mean" });
    expect(result.patch.diff).toContain("+  if (names.length === 0)");
    expect(result.testSelection.selected.map((t: Payload) => t.test)).toContain("test/greeting.test.ts");
    expect(result.policyGate.verdict).toBe("deny");
    expect(result.memo.markdown).toMatch(/^## fixforward · ❌ Blocked/);
    expect(result.memo.markdown).toContain("src/greeting.ts(2,13): error TS2551");

    const recorded = await actionsOf(run.id);
    expect(recorded.map((a) => `${a.kind}:${a.status}`)).toEqual(["comment:dry_run", "check_run:dry_run", "bot_pr:dry_run"]);
    const checkRun = JSON.parse(recorded[1]!.payload as string)[0];
    expect(checkRun.params.output.annotations).toContainEqual(expect.objectContaining({ path: "src/greeting.ts", start_line: 2, annotation_level: "failure" }));
    expect(checkRun.params.conclusion).toBe("failure");
    expect(body.events.filter((e) => e.type === "node.finished").map((e) => e.node)).toEqual(
      ["prContext", "ciLogs", "triage", "testSelection", "patch", "sloTelemetry", "rolloutPlan", "policyGate", "memo", "actions"]);

    // A redelivery of the same webhook changes nothing: no second run, no second action.
    const again = await deliver("workflow_run", workflowRunCompleted.payload, { id: runDelivery });
    expect(again.response.status).toBe(200);
    const total = await env.DB.prepare("SELECT COUNT(*) AS n FROM actions").first<{ n: number }>();
    const runs = await env.DB.prepare("SELECT COUNT(*) AS n FROM agent_runs WHERE trigger_key LIKE ?").bind(`delivery:${runDelivery}:%`).first<{ n: number }>();
    expect(runs!.n).toBe(1);
    await new Promise((r) => setTimeout(r, 500));
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM actions").first<{ n: number }>())!.n).toBe(total!.n);
  });

  it("calls the same failure on another pull request flaky, re-runs instead of patching", async () => {
    const payload = structuredClone(workflowRunCompleted.payload) as Payload;
    const ref = payload.workflow_run.pull_requests[0];
    ref.number = 77;
    ref.head.sha = "f".repeat(40);
    payload.workflow_run.head_sha = ref.head.sha;
    payload.workflow_run.id = 1589141999;
    const id = newDeliveryId();
    await deliver("workflow_run", payload, { id });
    const run = await runFor(id);
    const { body } = await api<{ agentRun: Payload }>(`/agent-runs/${run.id}`);
    const failure = body.agentRun.result.triage.failures[0];
    expect(failure.flaky.verdict).toBe("flaky");
    expect(failure.flaky.evidence.join(" ")).toMatch(/same failure on pull request/);
    expect(body.agentRun.result.patch.status).toBe("rerun");
    const recorded = await actionsOf(run.id);
    expect(recorded.map((a) => a.kind)).toContain("rerun_failed_jobs");
  });
});
