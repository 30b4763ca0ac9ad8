// Loaders and actions against a recording API binding: what they ask the Worker, and what they make of the answer.
import type { AppLoadContext } from "@remix-run/cloudflare";
import { describe, expect, it } from "vitest";
import { action as decide } from "./prs.$id";
import { loader as listPullRequests } from "./prs._index";
import { action as replay, loader as listDeliveries } from "./deliveries";
import { loader as root } from "../root";

type Call = { method: string; path: string; body: string | null; headers: Headers };

function contextWith(answer: (call: Call) => Response | Promise<Response>, extra: Partial<AppLoadContext> = {}, env: Record<string, string> = {}) {
  const calls: Call[] = [];
  const context = {
    cloudflare: { env: { API: { fetch: async (request: Request) => {
      const call = { method: request.method, path: new URL(request.url).pathname + new URL(request.url).search, body: request.method === "GET" ? null : await request.text(), headers: request.headers };
      calls.push(call);
      return answer(call);
    } }, ...env } },
    viewer: null, demo: false, ...extra,
  } as AppLoadContext;
  return { context, calls };
}
const args = (url: string, context: AppLoadContext, init?: RequestInit, params: Record<string, string> = {}) => ({ request: new Request(url, init), context, params });

describe("dashboard loaders and actions", () => {
  it("pull requests: passes the filters on, all states by default", async () => {
    const { context, calls } = contextWith(() => Response.json({ pullRequests: [], total: 0, page: 1, perPage: 25 }));
    const data = await listPullRequests(args("https://d/prs?repo=o%2Fr&verdict=deny&ignored=1", context));
    expect(calls.map((c) => c.path)).toEqual(["/prs?repo=o%2Fr&verdict=deny&state=all"]);
    expect(data.result.ok).toBe(true);
  });

  it("turns an unreachable API into a message, not a crash", async () => {
    const { context } = contextWith(() => { throw new Error("connection refused"); });
    const data = await listDeliveries(args("https://d/deliveries", context));
    expect(data.result).toEqual({ ok: false, status: 503, error: "the fixforward API is unreachable (connection refused)" });
  });

  it("approve/reject sends the signed-in login and the reason; without sign-in says so", async () => {
    const { context, calls } = contextWith(() => Response.json({ ok: true }), { viewer: { login: "octocat" } });
    const form = new URLSearchParams({ runId: "7", decision: "approve", reason: "canary is fine" });
    await decide(args("https://d/prs/1", context, { method: "POST", body: form }, { id: "1" }));
    expect(calls[0]).toMatchObject({ method: "POST", path: "/agent-runs/7/approve" });
    expect(JSON.parse(calls[0]!.body!)).toEqual({ reason: "canary is fine", by: "octocat" });
    expect(calls[0]!.headers.get("x-fixforward-viewer")).toBe("octocat");
    const open = contextWith(() => Response.json({ ok: true }));
    await decide(args("https://d/prs/1", open.context, { method: "POST", body: new URLSearchParams({ runId: "8", decision: "reject" }) }, { id: "1" }));
    expect(open.calls[0]!.path).toBe("/agent-runs/8/reject");
    expect(JSON.parse(open.calls[0]!.body!).by).toBe("dashboard (no sign-in)");
  });

  it("replay refuses what is not a delivery id, and relays the API's refusal", async () => {
    const { context, calls } = contextWith(() => Response.json({ error: { code: "local_only", message: "replay is available in local mode only" } }, { status: 403 }));
    expect(await replay(args("https://d/deliveries", context, { method: "POST", body: new URLSearchParams({ deliveryId: "../../x" }) }))).toMatchObject({ ok: false, message: "not a delivery id" });
    expect(calls).toHaveLength(0);
    expect(await replay(args("https://d/deliveries", context, { method: "POST", body: new URLSearchParams({ deliveryId: "abc-123" }) }))).toEqual({ ok: false, id: "abc-123", message: "replay is available in local mode only" });
  });

  it("sends the dashboard's API token when it has one", async () => {
    const { context, calls } = contextWith(() => Response.json({ ok: true, dryRun: false, version: "x" }), {}, { DASHBOARD_API_TOKEN: "fft_secret" });
    const data = await root(args("https://d/", context));
    expect(calls[0]!.headers.get("authorization")).toBe("Bearer fft_secret");
    expect(data).toMatchObject({ signIn: false, viewer: null, demo: null });
  });

  it("in demo mode never calls the API and says where the data is from", async () => {
    const { context, calls } = contextWith(() => Response.json({}), { demo: true });
    const data = await root(args("https://d/", context));
    expect(calls).toHaveLength(0);
    expect(data.demo?.capturedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});
