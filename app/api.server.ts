import type { AppLoadContext } from "@remix-run/cloudflare";

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: string };

/** Calls the Worker API through the service binding (never a hard-coded URL). */
export async function api<T>(context: AppLoadContext, path: string, init?: RequestInit): Promise<ApiResult<T>> {
  try {
    const response = await context.cloudflare.env.API.fetch(new Request(`https://api.internal${path}`, init));
    const body = (await response.json().catch(() => null)) as (T & { error?: { message: string } }) | null;
    if (!response.ok) return { ok: false, status: response.status, error: body?.error?.message ?? `API answered ${response.status}` };
    return { ok: true, data: body as T };
  } catch (error) {
    return { ok: false, status: 503, error: `the fixforward API is unreachable (${(error as Error).message})` };
  }
}
