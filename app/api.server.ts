import type { AppLoadContext } from "@remix-run/cloudflare";
import { demoResponse } from "./demo/demo-api";

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: string };

/**
 * Calls the Worker API through the service binding (never a hard-coded URL), as the signed-in
 * viewer; in demo mode, answers from the captured demo data instead.
 */
export async function api<T>(context: AppLoadContext, path: string, init?: RequestInit): Promise<ApiResult<T>> {
  if (context.demo) return demoResponse(path, init?.method) as ApiResult<T>;
  try {
    const headers = new Headers(init?.headers);
    if (context.viewer) headers.set("x-fixforward-viewer", context.viewer.login);
    // Deployed, the Worker wants an API token for POSTs (REQUIRE_API_TOKEN); the dashboard holds one as a secret.
    const token = context.cloudflare.env.DASHBOARD_API_TOKEN;
    if (token) headers.set("authorization", `Bearer ${token}`);
    const response = await context.cloudflare.env.API.fetch(new Request(`https://api.internal${path}`, { ...init, headers }));
    const body = (await response.json().catch(() => null)) as (T & { error?: { message: string } }) | null;
    if (!response.ok) return { ok: false, status: response.status, error: body?.error?.message ?? `API answered ${response.status}` };
    return { ok: true, data: body as T };
  } catch (error) {
    return { ok: false, status: 503, error: `the fixforward API is unreachable (${(error as Error).message})` };
  }
}
