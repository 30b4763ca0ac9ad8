import type { AppLoadContext, EntryContext } from "@remix-run/cloudflare";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToReadableStream } from "react-dom/server";

// Streams the HTML; bots and crawlers get the whole document at once.
export default async function handleRequest(request: Request, status: number, headers: Headers, remixContext: EntryContext, _context: AppLoadContext) {
  let failed = false;
  const body = await renderToReadableStream(<RemixServer context={remixContext} url={request.url} />, {
    signal: request.signal,
    onError(error: unknown) {
      failed = true;
      console.error(JSON.stringify({ msg: "fixforward: dashboard render error", error: String(error) }));
    },
  });
  if (isbot(request.headers.get("user-agent") || "")) await body.allReady;
  headers.set("content-type", "text/html; charset=utf-8");
  return new Response(body, { headers, status: failed ? 500 : status });
}
