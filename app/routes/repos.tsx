import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { Link, useLoaderData } from "@remix-run/react";
import { api } from "../api.server";

type Repository = { id: number; fullName: string; private: boolean; defaultBranch: string | null; htmlUrl: string | null; openPullRequests: number; lastActivityAt: string | null };

export async function loader({ context }: LoaderFunctionArgs) {
  return { result: await api<{ repositories: Repository[] }>(context, "/repos") };
}

export default function Repositories() {
  const { result } = useLoaderData<typeof loader>();
  if (!result.ok) return <p role="alert">{result.error}</p>;
  const list = result.data.repositories;
  return (
    <>
      <h1>Repositories</h1>
      {list.length === 0 ? <p className="muted">No repository has sent a webhook yet. Install the GitHub App on one, or replay the example.</p> : (
        <table>
          <thead><tr><th>Repository</th><th>Open pull requests</th><th>Default branch</th><th>Last activity</th></tr></thead>
          <tbody>{list.map((r) => (
            <tr key={r.id}>
              <td><Link to={`/prs?repo=${encodeURIComponent(r.fullName)}`}>{r.fullName}</Link>{r.private && <span className="badge ml-2">private</span>}{r.htmlUrl && <> · <a href={r.htmlUrl}>GitHub</a></>}</td>
              <td>{r.openPullRequests}</td><td>{r.defaultBranch ?? "—"}</td><td>{r.lastActivityAt ? new Date(r.lastActivityAt).toLocaleString() : "—"}</td>
            </tr>))}
          </tbody>
        </table>
      )}
    </>
  );
}
