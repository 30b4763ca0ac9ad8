import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { Form, Link, useLoaderData, useNavigate } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { api } from "../api.server";

type Pr = { id: number; repository: string; number: number; title: string; author: string | null; state: string; verdict: string | null; updatedAt: string; latestRun: { status: string; currentNode: string | null } | null };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const query = new URLSearchParams();
  for (const key of ["repo", "state", "verdict", "page"]) {
    const v = url.searchParams.get(key);
    if (v) query.set(key, v);
  }
  if (!query.has("state")) query.set("state", "all");
  const result = await api<{ pullRequests: Pr[]; total: number; page: number; perPage: number }>(context, `/prs?${query}`);
  return { result, filters: Object.fromEntries(query) };
}

export default function PullRequests() {
  const { result, filters } = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  const rows = result.ok ? result.data.pullRequests : [];
  const selected = useRef(0);
  // Keyboard: j/k to move, Enter to open.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement).tagName === "INPUT" || (e.target as HTMLElement).tagName === "SELECT") return;
      const links = [...document.querySelectorAll<HTMLAnchorElement>("[data-pr-link]")];
      if (e.key === "j" || e.key === "k") {
        selected.current = Math.max(0, Math.min(links.length - 1, selected.current + (e.key === "j" ? 1 : -1)));
        links[selected.current]?.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [navigate]);
  return (
    <>
      <h1>Pull requests</h1>
      <Form method="get" className="decide" aria-label="Filters">
        <label>Repository <input name="repo" defaultValue={filters.repo ?? ""} placeholder="owner/name" /></label>
        <label>State <select name="state" defaultValue={filters.state}><option>all</option><option>open</option><option>closed</option></select></label>
        <label>Verdict <select name="verdict" defaultValue={filters.verdict ?? ""}><option value="">any</option><option>allow</option><option>needs-approval</option><option>deny</option></select></label>
        <button type="submit">Filter</button>
      </Form>
      {!result.ok ? <p role="alert">{result.error}</p> : rows.length === 0 ? <p className="muted">No pull requests match.</p> : (
        <table><thead><tr><th>PR</th><th>Title</th><th>Author</th><th>Verdict</th><th>Latest run</th><th>Updated</th></tr></thead><tbody>
          {rows.map((p) => (
            <tr key={p.id}>
              <td><Link data-pr-link to={`/prs/${p.id}`}>{p.repository}#{p.number}</Link></td><td>{p.title}</td><td>{p.author ?? "—"}</td>
              <td>{p.verdict ? <span className="badge">{p.verdict}</span> : "—"}</td>
              <td>{p.latestRun ? `${p.latestRun.status}${p.latestRun.currentNode ? ` (${p.latestRun.currentNode})` : ""}` : "—"}</td>
              <td>{new Date(p.updatedAt).toLocaleString()}</td>
            </tr>))}
        </tbody></table>
      )}
      {result.ok && <p className="muted">{result.data.total} pull request(s). Keys: j/k move, Enter opens.</p>}
    </>
  );
}
