import type { LoaderFunctionArgs } from "@remix-run/cloudflare";

/** One PR's run events as SSE (resumable: EventSource sends Last-Event-ID on reconnect). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  if (context.demo) return new Response(null, { status: 204 }); // demo data is not live: EventSource stops on 204
  const id = Number(params.id);
  if (!Number.isInteger(id) || id <= 0) return new Response("bad id", { status: 400 });
  const headers = new Headers();
  const last = request.headers.get("last-event-id");
  if (last) headers.set("last-event-id", last);
  return context.cloudflare.env.API.fetch(new Request(`https://api.internal/prs/${id}/stream`, { headers, signal: request.signal }));
}
