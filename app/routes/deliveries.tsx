import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/cloudflare";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { api } from "../api.server";

type Delivery = { id: string; event: string; action: string | null; status: string; error: string | null; receivedAt: string; attempts: number; repositoryFullName: string | null };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const status = new URL(request.url).searchParams.get("status");
  const result = await api<{ deliveries: Delivery[]; total: number }>(context, `/deliveries?perPage=100${status ? `&status=${encodeURIComponent(status)}` : ""}`);
  return { result, canReplay: context.cloudflare.env.LOCAL_MODE === "true" && !context.demo };
}

/** Replay a delivery through the queue again (local mode only; the API refuses it otherwise). */
export async function action({ request, context }: ActionFunctionArgs) {
  const id = String((await request.formData()).get("deliveryId") ?? "");
  if (!/^[\w-]{1,128}$/.test(id)) return { ok: false as const, id, message: "not a delivery id" };
  const result = await api<{ status: string }>(context, `/deliveries/${encodeURIComponent(id)}/replay`, { method: "POST" });
  return result.ok ? { ok: true as const, id, message: `delivery ${id} queued again` } : { ok: false as const, id, message: result.error };
}

const replayable = new Set(["processed", "failed", "dead_lettered"]);

export default function Deliveries() {
  const { result, canReplay } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const navigation = useNavigation();
  if (!result.ok) return <p role="alert">{result.error}</p>;
  return (
    <>
      <h1>Deliveries</h1>
      <p className="muted">{result.data.total} deliveries. Failed and dead-lettered ones keep their reason.</p>
      {done && <p role={done.ok ? "status" : "alert"} data-testid="replay-result">{done.message}</p>}
      <table><thead><tr><th>Received</th><th>Event</th><th>Repository</th><th>Status</th><th>Attempts</th><th>Error</th>{canReplay && <th><span className="sr-only">Replay</span></th>}</tr></thead><tbody>
        {result.data.deliveries.map((d) => (
          <tr key={d.id}><td>{new Date(d.receivedAt).toLocaleString()}</td><td>{d.event}{d.action ? `.${d.action}` : ""}</td><td>{d.repositoryFullName ?? "—"}</td>
            <td><span className="badge">{d.status}</span></td><td>{d.attempts}</td><td>{d.error ?? ""}</td>
            {canReplay && <td>{replayable.has(d.status) && (
              <Form method="post"><input type="hidden" name="deliveryId" value={d.id} /><button type="submit" disabled={navigation.state !== "idle"} aria-label={`Replay delivery ${d.id}`}>Replay</button></Form>)}</td>}</tr>))}
      </tbody></table>
    </>
  );
}
