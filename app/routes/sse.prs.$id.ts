import type { LoaderFunctionArgs } from "@remix-run/cloudflare";

/** One PR's run events as SSE (resumable: EventSource sends Last-Event-ID on reconnect). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const id = Number(params.id);
  if (!Number.isInteger(id) || id <= 0) return new Response("bad id", { status: 400 });
  const headers = new Headers();
  const last = request.headers.get("last-event-id");
  if (last) headers.set("last-event-id", last);
  return context.cloudflare.env.API.fetch(new Request(`https://api.internal/prs/${id}/stream`, { headers, signal: request.signal }));
}
