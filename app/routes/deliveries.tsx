import type { LoaderFunctionArgs } from "@remix-run/cloudflare";
import { useLoaderData } from "@remix-run/react";
import { api } from "../api.server";

type Delivery = { id: string; event: string; action: string | null; status: string; error: string | null; receivedAt: string; attempts: number; repositoryFullName: string | null };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const status = new URL(request.url).searchParams.get("status");
  return { result: await api<{ deliveries: Delivery[]; total: number }>(context, `/deliveries?perPage=100${status ? `&status=${encodeURIComponent(status)}` : ""}`) };
}

export default function Deliveries() {
  const { result } = useLoaderData<typeof loader>();
  if (!result.ok) return <p role="alert">{result.error}</p>;
  return (
    <>
      <h1>Deliveries</h1>
      <p className="muted">{result.data.total} deliveries. Failed and dead-lettered ones keep their reason.</p>
      <table><thead><tr><th>Received</th><th>Event</th><th>Repository</th><th>Status</th><th>Attempts</th><th>Error</th></tr></thead><tbody>
        {result.data.deliveries.map((d) => (
          <tr key={d.id}><td>{new Date(d.receivedAt).toLocaleString()}</td><td>{d.event}{d.action ? `.${d.action}` : ""}</td><td>{d.repositoryFullName ?? "—"}</td>
            <td><span className="badge">{d.status}</span></td><td>{d.attempts}</td><td>{d.error ?? ""}</td></tr>))}
      </tbody></table>
    </>
  );
}
