import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { api } from "../api.server";

type Pr = { id: number; repository: string; number: number; title: string; verdict: string | null; latestRun: { status: string } | null };

type Dora = { windowDays: number; deploymentFrequency: { perWeek: number; deployments: number } | null; leadTimeHours: number | null; changeFailureRate: number | null; recoveryHours: number | null; notes: string[] };

export async function loader({ context }: LoaderFunctionArgs) {
  const [prs, dora] = await Promise.all([api<{ pullRequests: Pr[] }>(context, "/prs?state=all&perPage=10"), api<Dora>(context, "/dora?days=30")]);
  return { prs: prs.ok ? prs.data.pullRequests : [], error: prs.ok ? null : prs.error, dora: dora.ok ? dora.data : null };
}

const known = (v: number | null, unit: string) => (v === null ? <span className="muted">not known yet</span> : `${v} ${unit}`);

type Activity = { seq: number; type: string; summary: string; at: string; prId?: number };

export default function Overview() {
  const { prs, error, dora } = useLoaderData<typeof loader>();
  const [events, setEvents] = useState<Activity[]>([]);
  const [live, setLive] = useState<"connecting" | "live" | "reconnecting">("connecting");
  useEffect(() => {
    const source = new EventSource("/sse/stream");
    const onEvent = (e: MessageEvent) => setEvents((list) => [JSON.parse(e.data) as Activity, ...list].slice(0, 200));
    for (const type of ["delivery.processed", "delivery.failed", "delivery.dead_lettered", "delivery.ignored", "delivery.rejected", "run.queued", "run.started", "run.finished", "run.failed", "run.waiting_approval", "run.resumed", "run.superseded", "run.retrying"]) source.addEventListener(type, onEvent);
    source.onopen = () => setLive("live");
    source.onerror = () => setLive("reconnecting");
    return () => source.close();
  }, []);
  return (
    <>
      <h1>Overview</h1>
      {error && <p role="alert">{error}</p>}
      <section aria-labelledby="recent"><h2 id="recent">Recent pull requests</h2>
        {prs.length === 0 ? <p className="muted">No pull requests yet. Try <code>npx fixforward replay examples/failing-ci --url http://127.0.0.1:8787</code>.</p> : (
          <table><thead><tr><th>PR</th><th>Title</th><th>Verdict</th><th>Run</th></tr></thead><tbody>
            {prs.map((p) => <tr key={p.id}><td><Link to={`/prs/${p.id}`}>{p.repository}#{p.number}</Link></td><td>{p.title}</td><td>{p.verdict ?? "—"}</td><td>{p.latestRun?.status ?? "—"}</td></tr>)}
          </tbody></table>
        )}
      </section>
      {dora && (
        <section aria-labelledby="dora"><h2 id="dora">Delivery (DORA, last {dora.windowDays} days)</h2>
          <table><tbody>
            <tr><th>Deployment frequency</th><td>{dora.deploymentFrequency ? `${dora.deploymentFrequency.perWeek} / week (${dora.deploymentFrequency.deployments})` : <span className="muted">not known yet</span>}</td></tr>
            <tr><th>Lead time for changes</th><td>{known(dora.leadTimeHours, "h (median)")}</td></tr>
            <tr><th>Change failure rate</th><td>{dora.changeFailureRate === null ? <span className="muted">not known yet</span> : `${Math.round(dora.changeFailureRate * 100)} %`}</td></tr>
            <tr><th>Failed deployment recovery</th><td>{known(dora.recoveryHours, "h (median)")}</td></tr>
          </tbody></table>
          {dora.notes.length > 0 && <p className="muted">{dora.notes.join("; ")}</p>}
        </section>
      )}
      <section aria-labelledby="activity"><h2 id="activity">Live activity <span className="badge">{live}</span></h2>
        <ul className="activity" aria-live="polite">
          {events.map((e) => <li key={e.seq}><span className="muted">{new Date(e.at).toLocaleTimeString()}</span> <strong>{e.type}</strong> {e.summary} {e.prId ? <Link to={`/prs/${e.prId}`}>open</Link> : null}</li>)}
        </ul>
      </section>
    </>
  );
}
