import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApp } from "..";
import { deliver, example } from "../../../test/worker/helpers";
import { hashToken } from "./require-api-token";

const deployed = { ...env, REQUIRE_API_TOKEN: "true" };

async function request(path: string, init: RequestInit, bindings: typeof env = deployed) {
  const ctx = createExecutionContext();
  const response = await createApp().request(path, init, bindings, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

describe("API tokens (deployed mode)", () => {
  it("requires a known bearer token for POST endpoints, never for GET or webhooks", async () => {
    const token = `ff_${crypto.randomUUID()}`;
    await env.DB.prepare("INSERT INTO api_tokens (name, token_hash) VALUES (?, ?)").bind("ci", await hashToken(token)).run();
    expect((await request("/prs/1/orchestrate", { method: "POST" })).status).toBe(401);
    expect((await request("/prs/1/orchestrate", { method: "POST", headers: { authorization: `Bearer ${"x".repeat(40)}` } })).status).toBe(401);
    const ok = await request("/prs/987654/orchestrate", { method: "POST", headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(404); // authenticated; the PR just does not exist
    expect((await request("/prs", { method: "GET" })).status).toBe(200);
    await env.DB.prepare("UPDATE api_tokens SET revoked_at = ? WHERE token_hash = ?").bind(new Date().toISOString(), await hashToken(token)).run();
    expect((await request("/prs/987654/orchestrate", { method: "POST", headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it("is off locally (REQUIRE_API_TOKEN unset)", async () => {
    expect((await request("/prs/987654/orchestrate", { method: "POST" }, env)).status).toBe(404);
  });
});

describe("webhook signature failures", () => {
  it("answer 429 per source after repeated bad signatures, without affecting other sources", async () => {
    const payload = example("ping");
    const from = (ip: string) => ({ "cf-connecting-ip": ip });
    let last = 0;
    for (let i = 0; i < 31; i++) last = (await deliver("ping", payload, { secret: "wrong", headers: from("203.0.113.7") })).response.status;
    expect(last).toBe(429);
    const good = await deliver("ping", payload, { headers: from("203.0.113.7") });
    expect(good.response.status).toBe(429);
    expect(good.response.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await deliver("ping", payload, { headers: from("198.51.100.1") })).response.status).toBe(200);
  });
});

describe("logs", () => {
  afterEach(() => vi.restoreAllMocks());

  it("are JSON lines with request ids and never contain secrets", async () => {
    const lines: string[] = [];
    for (const method of ["log", "warn", "error"] as const) vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
    const token = `ff_${crypto.randomUUID()}`;
    await request("/prs/1/orchestrate", { method: "POST", headers: { authorization: `Bearer ${token}` } });
    await request("/nope", { method: "GET", headers: { authorization: `Bearer ${token}` } });
    await deliver("pull_request", example("pull_request"), { secret: "wrong", headers: { "cf-connecting-ip": "192.0.2.55" } });
    await deliver("pull_request", null, { body: "{broken", headers: { "cf-connecting-ip": "192.0.2.56" } });
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const parsed = JSON.parse(line) as { msg: string; level: string; requestId?: string };
      expect(parsed.msg).toMatch(/^fixforward: /);
      for (const secret of [env.GITHUB_WEBHOOK_SECRET, env.GITHUB_WEBHOOK_SECRET_PREVIOUS!, token]) expect(line).not.toContain(secret);
    }
    expect(lines.some((l) => JSON.parse(l).requestId)).toBe(true);
  });
});
