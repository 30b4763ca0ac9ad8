import type { LoaderFunctionArgs } from "@remix-run/cloudflare";

/** All activity as SSE, streamed through from the Worker (unbuffered), so the browser only talks to the dashboard. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (context.demo) return new Response(null, { status: 204 }); // demo data is not live: EventSource stops on 204
  const headers = new Headers();
  const last = request.headers.get("last-event-id");
  if (last) headers.set("last-event-id", last);
  return context.cloudflare.env.API.fetch(new Request("https://api.internal/stream", { headers, signal: request.signal }));
}
