import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, deliver, deliveryRow, example, waitForDelivery } from "../../../test/worker/helpers";

const count = async (table: string) => (await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<{ n: number }>())!.n;

describe("POST /webhooks/github", () => {
  it("rejects a forged signature with 401 and stores nothing", async () => {
    const before = await count("deliveries");
    const { response, json, id } = await deliver("pull_request", example("pull_request"), { secret: "not-the-secret" });
    expect(response.status).toBe(401);
    expect(json.error.code).toBe("invalid_signature");
    expect(await deliveryRow(id)).toBeNull();
    expect(await count("deliveries")).toBe(before);
  });

  it("rejects a missing signature with 401 before looking at the body", async () => {
    const { response, json, id } = await deliver("pull_request", null, { body: "{not json", signature: null });
    expect(response.status).toBe(401);
    expect(json.error.message).toMatch(/missing X-Hub-Signature-256/);
    expect(await deliveryRow(id)).toBeNull();
  });

  it("accepts the previous secret during rotation", async () => {
    const { response, id } = await deliver("ping", example("ping"), { secret: "previous-secret" });
    expect(response.status).toBe(200);
    expect((await deliveryRow(id))?.signed_with).toBe("previous");
  });

  it("requires X-GitHub-Event and X-GitHub-Delivery", async () => {
    const noEvent = await deliver("pull_request", example("pull_request"), { headers: { "x-github-event": "" } });
    expect(noEvent.response.status).toBe(400);
    expect(noEvent.json.error.code).toBe("missing_event");
    const noDelivery = await deliver("pull_request", example("pull_request"), { headers: { "x-github-delivery": "" } });
    expect(noDelivery.response.status).toBe(400);
    expect(noDelivery.json.error.code).toBe("missing_delivery");
  });

  it("answers ping with 200", async () => {
    const { response, json } = await deliver("ping", example("ping"));
    expect(response.status).toBe(200);
    expect(json.ok).toBe(true);
  });

  it("accepts form-encoded deliveries and processes them like JSON", async () => {
    const payload = example("pull_request", (p) => p.action === "closed");
    const { response, id } = await deliver("pull_request", payload, { contentType: "form" });
    expect(response.status).toBe(202);
    const row = await waitForDelivery(id);
    expect([row.status, row.error]).toEqual(["processed", null]);
    const pr = await env.DB.prepare("SELECT * FROM pull_requests WHERE repository_id = ? AND number = ?")
      .bind(payload.repository.id, payload.pull_request.number).first<Record<string, unknown>>();
    expect(pr?.title).toBe(payload.pull_request.title);
  });

  it("answers 413 to a body over 25 MB", async () => {
    const big = "x".repeat(25 * 1024 * 1024 + 1);
    const { response, id } = await deliver("push", null, { body: big });
    expect(response.status).toBe(413);
    expect(await deliveryRow(id)).toBeNull();
  });

  it("rejects broken JSON with a valid signature with 400 and records it as rejected", async () => {
    const { response, json, id } = await deliver("pull_request", null, { body: '{"action": "opened", ' });
    expect(response.status).toBe(400);
    expect(json.error.code).toBe("invalid_payload");
    const row = await deliveryRow(id);
    expect(row?.status).toBe("rejected");
    expect(row?.error).toMatch(/not valid JSON/);
  });

  it("records unknown events as ignored with 202", async () => {
    const { response, id } = await deliver("star", example("star"));
    expect(response.status).toBe(202);
    expect((await deliveryRow(id))?.status).toBe("ignored");
    const listed = await api<{ deliveries: { id: string; status: string }[] }>(`/deliveries?status=ignored&perPage=100`);
    expect(listed.body.deliveries.some((d) => d.id === id)).toBe(true);
  });

  it("sends a delivery that fits a queue message whole; the consumer stores it with the time it was acknowledged", async () => {
    const payload = example("pull_request", (p) => p.action === "opened");
    const { response, id } = await deliver("pull_request", payload);
    const acknowledged = new Date().toISOString();
    expect(response.status).toBe(202);
    const row = await waitForDelivery(id);
    expect(row.status).toBe("processed");
    expect(String(row.received_at) <= acknowledged).toBe(true);
    expect([row.event, row.action, row.signed_with]).toEqual(["pull_request", "opened", "current"]);
    const stored = await env.DB.prepare("SELECT body FROM delivery_payloads WHERE delivery_id = ?").bind(id).first<{ body: string }>();
    expect(JSON.parse(stored!.body)).toEqual(payload);
  });

  it("keeps payloads larger than a queue message (128 KB) intact", async () => {
    const payload = example("pull_request", (p) => p.action === "opened");
    payload.pull_request.body = "🙂 long description ".repeat(60_000); // ~1.3 MB, multi-byte, spans chunks
    const { response, id } = await deliver("pull_request", payload);
    expect(response.status).toBe(202);
    const row = await waitForDelivery(id);
    expect(row.status).toBe("processed");
    const chunks = await env.DB.prepare("SELECT body FROM delivery_payloads WHERE delivery_id = ? ORDER BY chunk").bind(id).all<{ body: string }>();
    expect(chunks.results.length).toBeGreaterThan(1);
    expect(JSON.parse(chunks.results.map((c) => c.body).join(""))).toEqual(payload);
  });
});
