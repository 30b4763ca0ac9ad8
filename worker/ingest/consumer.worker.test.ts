import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, deliver, example, newDeliveryId, waitFor, waitForDelivery } from "../../test/worker/helpers";

const row = (sql: string, ...args: unknown[]) => env.DB.prepare(sql).bind(...args).first<Record<string, any>>();

describe("queue consumer: normalisation of real example payloads", () => {
  const cases: { event: string; pick?: (p: any) => boolean; check: (p: any) => Promise<void> }[] = [
    {
      event: "pull_request",
      pick: (p) => p.action === "synchronize",
      check: async (p) => {
        const pr = await row("SELECT * FROM pull_requests WHERE repository_id = ? AND number = ?", p.repository.id, p.number);
        expect(pr).toMatchObject({ title: p.pull_request.title, head_sha: p.pull_request.head.sha, base_ref: p.pull_request.base.ref, state: p.pull_request.state, author: p.pull_request.user.login });
        expect(await row("SELECT full_name FROM repositories WHERE id = ?", p.repository.id)).toEqual({ full_name: p.repository.full_name });
      },
    },
    {
      event: "check_suite",
      check: async (p) => {
        expect(await row("SELECT head_sha, status, conclusion FROM check_suites WHERE id = ?", p.check_suite.id)).toEqual({
          head_sha: p.check_suite.head_sha, status: p.check_suite.status, conclusion: p.check_suite.conclusion,
        });
      },
    },
    {
      event: "check_run",
      check: async (p) => {
        expect(await row("SELECT name, head_sha, html_url FROM check_runs WHERE id = ?", p.check_run.id)).toEqual({
          name: p.check_run.name, head_sha: p.check_run.head_sha, html_url: p.check_run.html_url,
        });
      },
    },
    {
      event: "workflow_run",
      check: async (p) => {
        expect(await row("SELECT head_sha, run_attempt, html_url FROM workflow_runs WHERE id = ?", p.workflow_run.id)).toEqual({
          head_sha: p.workflow_run.head_sha, run_attempt: p.workflow_run.run_attempt, html_url: p.workflow_run.html_url,
        });
      },
    },
    {
      event: "workflow_job",
      pick: (p) => p.action === "completed",
      check: async (p) => {
        expect(await row("SELECT run_id, name, conclusion, started_at, completed_at FROM workflow_jobs WHERE id = ?", p.workflow_job.id)).toEqual({
          run_id: p.workflow_job.run_id, name: p.workflow_job.name, conclusion: p.workflow_job.conclusion,
          started_at: p.workflow_job.started_at, completed_at: p.workflow_job.completed_at,
        });
      },
    },
    {
      event: "push",
      check: async (p) => {
        const pushes = await env.DB.prepare("SELECT ref, after, commit_count FROM pushes WHERE repository_id = ? AND after = ?").bind(p.repository.id, p.after).all();
        expect(pushes.results[0]).toEqual({ ref: p.ref, after: p.after, commit_count: p.commits.length });
      },
    },
    {
      event: "installation",
      pick: (p) => p.action === "created",
      check: async (p) => {
        expect(await row("SELECT account_login, status FROM installations WHERE id = ?", p.installation.id)).toEqual({
          account_login: p.installation.account.login, status: "active",
        });
      },
    },
    {
      event: "deployment_status",
      check: async (p) => {
        expect(await row("SELECT state, deployment_id FROM deployment_statuses WHERE id = ?", p.deployment_status.id)).toEqual({
          state: p.deployment_status.state, deployment_id: p.deployment.id,
        });
        expect(await row("SELECT sha, environment FROM deployments WHERE id = ?", p.deployment.id)).toEqual({ sha: p.deployment.sha, environment: p.deployment.environment });
      },
    },
  ];

  for (const c of cases) {
    it(`normalises ${c.event}`, async () => {
      const payload = example(c.event, c.pick);
      const { response, id } = await deliver(c.event, payload);
      expect(response.status).toBe(202);
      const done = await waitForDelivery(id);
      expect([done.status, done.error]).toEqual(["processed", null]);
      await c.check(payload);
    });
  }

  it("normalises deployment_protection_rule (shape from GitHub's docs around a real deployment payload) and starts a gate run", async () => {
    // @octokit/webhooks-examples 7.6 has no deployment_protection_rule example; the rest of the payload is real.
    const base = example("deployment");
    const pr = example("pull_request", (p) => p.action === "opened");
    const payload = {
      action: "requested",
      environment: base.deployment.environment,
      event: "pull_request",
      deployment_callback_url: `https://api.github.com/repos/${pr.repository.full_name}/actions/runs/42/deployment_protection_rule`,
      deployment: base.deployment,
      pull_requests: [{ number: pr.number, id: pr.pull_request.id, url: pr.pull_request.url, head: pr.pull_request.head, base: pr.pull_request.base }],
      repository: pr.repository,
      sender: base.sender,
      installation: { id: 4242 },
    };
    const { id } = await deliver("deployment_protection_rule", payload);
    expect((await waitForDelivery(id)).status).toBe("processed");
    expect(await row("SELECT environment, answer FROM protection_rule_requests WHERE delivery_id = ?", id)).toEqual({ environment: base.deployment.environment, answer: "pending" });
    const run = await row("SELECT trigger FROM agent_runs WHERE trigger_key = ?", `delivery:${id}:pr:${pr.number}`);
    expect(run?.trigger).toBe("deployment_protection_rule.requested");
  });

  it("marks a payload that cannot be normalised as failed with the reason, without retrying", async () => {
    const payload = example("check_run");
    delete payload.check_run.head_sha;
    const { id } = await deliver("check_run", payload);
    const done = await waitForDelivery(id);
    expect(done.status).toBe("failed");
    expect(done.error).toMatch(/invalid check_run: head_sha/);
    expect(done.attempts).toBe(1);
  });

  it("retries a transient failure with backoff, then dead-letters it, visible in GET /deliveries", async () => {
    const id = newDeliveryId("fault-");
    await deliver("push", example("push"), { id });
    const done = await waitForDelivery(id, 30_000);
    expect(done.status).toBe("dead_lettered");
    expect(done.attempts).toBe(6); // first try + max_retries (5) in wrangler.toml
    const listed = await api<{ deliveries: { id: string; status: string; error: string }[] }>(`/deliveries?status=dead_lettered&perPage=100`);
    expect(listed.body.deliveries.find((d) => d.id === id)?.error).toMatch(/dead-letter/);
  });

  it("acknowledges a redelivery with 2xx and starts exactly one run", async () => {
    const payload = example("pull_request", (p) => p.action === "opened" && !p.pull_request.draft);
    payload.pull_request.head.sha = "a".repeat(40);
    const id = newDeliveryId();
    const first = await deliver("pull_request", payload, { id });
    expect(first.response.status).toBe(202);
    await waitForDelivery(id);
    // Acknowledged like any delivery (the ack never waits on D1); the consumer's first-write-wins
    // insert makes it change nothing — even with a different body.
    const again = await deliver("pull_request", payload, { id });
    expect(again.response.status).toBe(202);
    const altered = await deliver("pull_request", { ...payload, action: "closed" }, { id });
    expect(altered.response.status).toBe(202);
    // A delivery sent after them is processed once the queue has reached past them.
    const sentinel = await deliver("push", example("push"));
    await waitForDelivery(sentinel.id);
    await waitFor(async () => (await row("SELECT status FROM agent_runs WHERE trigger_key LIKE ?", `delivery:${id}:%`))?.status === "succeeded", "the run to finish");
    const runs = await env.DB.prepare("SELECT id FROM agent_runs WHERE trigger_key LIKE ?").bind(`delivery:${id}:%`).all();
    expect(runs.results).toHaveLength(1);
    expect((await row("SELECT action FROM deliveries WHERE id = ?", id))?.action).toBe("opened");
  });
});
