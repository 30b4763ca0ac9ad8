import type { MiddlewareHandler } from "hono";
import type { Env } from "../../env";
import { apiError } from "../../errors";

/** SHA-256 hex of a token: D1 keeps only hashes, so a database leak reveals no usable token. */
export async function hashToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * When REQUIRE_API_TOKEN is "true" (deployed), state-changing API calls need `Authorization: Bearer <token>`
 * for a token whose hash is in `api_tokens` and not revoked. Webhooks are authenticated by their HMAC instead.
 */
export function requireApiToken(): MiddlewareHandler<{ Bindings: Env }> {
  return async (c, next) => {
    if (c.env.REQUIRE_API_TOKEN !== "true" || c.req.method === "GET" || c.req.method === "HEAD" || c.req.method === "OPTIONS") return next();
    if (new URL(c.req.url).pathname.startsWith("/webhooks/")) return next();
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S{16,200})$/i.exec(header);
    if (!match) return apiError(c, 401, "unauthorized", "this endpoint needs Authorization: Bearer <api token>");
    const hash = await hashToken(match[1]!);
    const row = await c.env.DB.prepare("SELECT id FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL").bind(hash).first<{ id: number }>();
    if (!row) return apiError(c, 401, "unauthorized", "unknown or revoked api token");
    c.executionCtx.waitUntil(c.env.DB.prepare("UPDATE api_tokens SET last_used_at = ? WHERE id = ?").bind(new Date().toISOString(), row.id).run());
    return next();
  };
}
