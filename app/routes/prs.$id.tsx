import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/cloudflare";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { api } from "../api.server";
import { renderBurnRateCharts } from "../components/burn-rate-chart.server";
import { DiffView } from "../components/diff-view";
import { renderMemo } from "../render-memo";
import { foldTimeline, NODE_LABELS, type RunEvent } from "../run-timeline";

type Run = { id: number; status: string; trigger: string; headSha: string; verdict: string | null; decidedBy: string | null; createdAt: string; result: Record<string, any> | null; error: string | null };

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const id = Number(params.id);
  const [pr, runs] = await Promise.all([api<{ pullRequest: Record<string, any> }>(context, `/prs/${id}`), api<{ agentRuns: Run[] }>(context, `/prs/${id}/agent-runs`)]);
  if (!pr.ok) throw new Response(pr.error, { status: pr.status });
  const runList = runs.ok ? runs.data.agentRuns : [];
  const wanted = Number(new URL(request.url).searchParams.get("run")) || runList[0]?.id;
  const run = wanted ? await api<{ agentRun: Run; events: RunEvent[]; actions: Record<string, any>[]; checkpoints: { count: number } }>(context, `/agent-runs/${wanted}`) : null;
  const slo = run?.ok ? run.data.agentRun.result?.sloTelemetry : null;
  const charts = slo?.status === "evaluated" ? renderBurnRateCharts(slo.slos) : {};
  return { pr: pr.data.pullRequest, runs: runList, run: run?.ok ? run.data : null, charts };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const runId = Number(form.get("runId"));
  const decision = form.get("decision") === "approve" ? "approve" : "reject";
  const reason = String(form.get("reason") ?? "").slice(0, 2000);
  const result = await api(context, `/agent-runs/${runId}/${decision}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ reason, by: context.viewer?.login ?? "dashboard (no sign-in)" }) });
  return result.ok ? { ok: true as const } : { ok: false as const, error: result.error };
}

const mark = { pending: "○", running: "◐", finished: "✓", failed: "✗", waiting: "⏸" } as const;

export default function PullRequest() {
  const { pr, runs, run, charts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const [events, setEvents] = useState<RunEvent[]>(run?.events ?? []);
  const [live, setLive] = useState("connecting");
  const runId = run?.agentRun.id;
  useEffect(() => setEvents(run?.events ?? []), [run]);
  useEffect(() => {
    // Live: the PR's stream; EventSource reconnects with Last-Event-ID and the server replays what was missed.
    const source = new EventSource(`/sse/prs/${pr.id}`);
    const onEvent = (e: MessageEvent) => {
      const event = JSON.parse(e.data) as RunEvent;
      setEvents((list) => (list.some((x) => x.seq === event.seq) ? list : [...list, event]));
      if (["run.finished", "run.waiting_approval", "run.failed", "run.queued", "run.superseded"].includes(event.type)) revalidator.revalidate();
    };
    for (const type of ["node.started", "node.finished", "node.failed", "node.progress", "run.queued", "run.started", "run.resumed", "run.waiting_approval", "run.finished", "run.failed", "run.superseded", "run.retrying"]) source.addEventListener(type, onEvent);
    source.onopen = () => setLive("live");
    source.onerror = () => setLive("reconnecting");
    return () => source.close();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pr.id]);
  const timeline = runId ? foldTimeline(events, runId) : [];
  const r = run?.agentRun.result ?? {};
  const verdict = r.memo?.verdict ?? r.policyGate?.verdict ?? null;
  const botAction = run?.actions.find((a) => a.kind === "bot_pr");
  const botPr = botAction ? { url: (botAction.url as string | null) ?? null, dryRun: Boolean(botAction.dryRun) } : undefined;
  return (
    <>
      <p><Link to="/prs">← Pull requests</Link></p>
      <h1>{pr.repository}#{pr.number} <span className="muted">{pr.title}</span></h1>
      {run ? (
        <p className={`verdict ${verdict ?? ""}`} data-testid="verdict">
          {run.agentRun.status === "waiting_approval" ? `Waiting for approval — ${r.policyGate?.reasons?.[0]?.message ?? ""}` : r.memo?.headline ?? `Run ${run.agentRun.status}`}
        </p>
      ) : <p className="muted">No runs yet.</p>}
      {run && (
        <section aria-labelledby="timeline-h">
          <h2 id="timeline-h">Run {run.agentRun.id} <span className="badge">{run.agentRun.status}</span> <span className="badge">{live}</span> <span className="muted">{run.agentRun.trigger} · {run.checkpoints.count} checkpoints</span></h2>
          <ol className="timeline" data-testid="timeline">
            {timeline.map((n) => (
              <li key={n.node} className={`state-${n.state}`} data-node={n.node} data-state={n.state}>
                <span className="mark" aria-hidden="true">{mark[n.state]}</span><strong>{NODE_LABELS[n.node] ?? n.node}</strong>
                <span className="muted">{n.durationMs !== undefined ? `${n.durationMs} ms` : n.state}</span><span>{n.summary}</span>
              </li>))}
          </ol>
          {run.agentRun.status === "waiting_approval" && (
            <Form method="post" className="decide" aria-label="Approve or reject">
              <input type="hidden" name="runId" value={run.agentRun.id} />
              <label>Reason <input name="reason" placeholder="why (recorded with your decision)" /></label>
              <button type="submit" name="decision" value="approve" disabled={navigation.state !== "idle"}>Approve</button>
              <button type="submit" name="decision" value="reject" disabled={navigation.state !== "idle"}>Reject</button>
            </Form>
          )}
          {actionData && !actionData.ok && <p role="alert">{actionData.error}</p>}
        </section>
      )}
      {r.triage?.failures?.map((f: any) => (
        <section key={f.fingerprint}>
          <h2>Why CI failed: {f.jobName}</h2>
          <p>{f.summary} {f.jobUrl && <a href={f.jobUrl}>job log</a>}</p>
          <pre className="log" data-testid="excerpt">{f.lines.map((l: any) => <span key={l.n} className={/error|fail|✕|●|exception/i.test(l.text) ? "err" : ""}><span className="n">{String(l.n).padStart(5)} │ </span>{l.text}{"\n"}</span>)}</pre>
          <p>Flaky: <strong>{f.flaky.verdict}</strong> — {f.flaky.evidence.join("; ")}</p>
        </section>))}
      {r.patch && <section><h2>Fix-forward</h2><p>{r.patch.rationale}</p>{r.patch.diff && <DiffView diff={r.patch.diff} botPr={botPr} />}</section>}
      {r.testSelection?.selected && <section><h2>Tests to run</h2>{r.testSelection.command && <p><code>{r.testSelection.command}</code></p>}<ul>{r.testSelection.selected.map((t: any) => <li key={t.test}><code>{t.test}</code> — {t.reasons.join("; ")}</li>)}</ul>{r.testSelection.skipped?.length > 0 && <details><summary>Skipped ({r.testSelection.skipped.length})</summary><ul>{r.testSelection.skipped.map((s: any) => <li key={s.path}><code>{s.path}</code> — {s.reason}</li>)}</ul></details>}</section>}
      {r.sloTelemetry && <section><h2>SLOs</h2>{r.sloTelemetry.status === "evaluated" ? r.sloTelemetry.slos.map((s: any) => (<div key={s.name}>
        {charts[s.name] && <div dangerouslySetInnerHTML={{ __html: charts[s.name]! }} />}
        <table><caption>{s.name}: {s.errorBudgetRemaining === null ? "budget unknown" : `${Math.round(s.errorBudgetRemaining * 1000) / 10} % budget left`} — {s.verdict}</caption><thead><tr><th>Windows</th><th>Burn (long)</th><th>Burn (short)</th><th>Threshold</th><th>Firing</th></tr></thead>
          <tbody>{s.windows.map((w: any) => <tr key={w.long}><td>{w.long}/{w.short}</td><td>{w.burnRateLong ?? "n/a"}×</td><td>{w.burnRateShort ?? "n/a"}×</td><td>{w.threshold}×</td><td>{w.firing ? `yes (${w.severity})` : "no"}</td></tr>)}</tbody></table></div>)) : <p className="muted">{r.sloTelemetry.reasons?.join("; ")}</p>}</section>}
      {r.rolloutPlan && <section><h2>Rollout</h2><p>Risk <strong>{r.rolloutPlan.risk.level}</strong> ({r.rolloutPlan.risk.score}/100): {r.rolloutPlan.risk.factors.map((f: any) => `${f.explanation} (+${f.contribution})`).join(", ")}</p><p>{r.rolloutPlan.mode === "hold" ? "Hold" : r.rolloutPlan.steps.map((s: any) => `${s.percent}%${s.pause !== "0s" ? ` · ${s.pause}` : ""}`).join(" → ")}</p></section>}
      {r.policyGate && <section><h2>Gate: {r.policyGate.verdict}</h2><ul>{r.policyGate.reasons.map((x: any, i: number) => <li key={i}>{x.effect === "deny" ? "⛔" : x.effect === "needs-approval" ? "✋" : "✓"} {x.message} <span className="muted">({x.source})</span></li>)}</ul></section>}
      {run?.actions && run.actions.length > 0 && <section><h2>Actions</h2><table><thead><tr><th>Kind</th><th>Target</th><th>Status</th><th>Link</th></tr></thead><tbody>{run.actions.map((a: any) => <tr key={a.id}><td>{a.kind}</td><td>{a.target}</td><td><span className="badge">{a.dryRun ? "dry-run" : a.status}</span></td><td>{a.url ? <a href={a.url}>open</a> : "—"}</td></tr>)}</tbody></table></section>}
      {r.memo && (
        <section aria-labelledby="memo-h">
          <h2 id="memo-h">Decision memo</h2>
          <div className="memo" data-testid="memo-rendered" dangerouslySetInnerHTML={{ __html: renderMemo(r.memo.markdown) }} />
          <details><summary>Markdown as posted on the pull request</summary><pre data-testid="memo">{r.memo.markdown}</pre></details>
        </section>
      )}
      {runs.length > 1 && <section><h2>All runs</h2><ul>{runs.map((x) => <li key={x.id}><Link to={`?run=${x.id}`}>run {x.id}</Link> — {x.trigger}, {x.status}{x.verdict ? `, ${x.verdict}` : ""}</li>)}</ul></section>}
    </>
  );
}
