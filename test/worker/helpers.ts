// Shared by the workerd tests: signed deliveries of real @octokit/webhooks-examples payloads, and polling.
import examples from "@octokit/webhooks-examples";
import { sign } from "@octokit/webhooks-methods";
import { SELF, env } from "cloudflare:test";

export type Payload = Record<string, any>;

/** A deep copy of a real example payload of `event`, chosen by a predicate (first match). */
export function example(event: string, pick: (p: Payload) => boolean = () => true): Payload {
  const entry = (examples as { name: string; examples: Payload[] }[]).find((e) => e.name === event);
  const found = entry?.examples.find(pick);
  if (!found) throw new Error(`no @octokit/webhooks-examples payload for ${event}`);
  return structuredClone(found);
}

export type DeliverOptions = {
  id?: string;
  secret?: string;
  contentType?: "json" | "form";
  body?: string;
  signature?: string | null;
  headers?: Record<string, string>;
};

let counter = 0;
export const newDeliveryId = (prefix = "d") => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}-${crypto.randomUUID().slice(0, 8)}`;

/** POSTs a delivery the way GitHub does, signed over the exact bytes sent. */
export async function deliver(event: string, payload: Payload | null, options: DeliverOptions = {}) {
  const id = options.id ?? newDeliveryId();
  const json = options.body ?? JSON.stringify(payload);
  const body = options.contentType === "form" ? `payload=${encodeURIComponent(json)}` : json;
  const signature = options.signature === undefined ? await sign(options.secret ?? "test-secret", body) : options.signature;
  const headers: Record<string, string> = {
    "content-type": options.contentType === "form" ? "application/x-www-form-urlencoded" : "application/json",
    "x-github-event": event,
    "x-github-delivery": id,
    "user-agent": "GitHub-Hookshot/test",
    ...(signature ? { "x-hub-signature-256": signature } : {}),
    ...options.headers,
  };
  const response = await SELF.fetch("https://fixforward.test/webhooks/github", { method: "POST", headers, body });
  return { id, response, json: (await response.json()) as Payload };
}

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function deliveryRow(id: string) {
  return env.DB.prepare("SELECT * FROM deliveries WHERE id = ?").bind(id).first<Payload>();
}

const final = new Set(["processed", "failed", "dead_lettered", "rejected", "ignored"]);
export const waitForDelivery = (id: string, timeoutMs?: number) =>
  waitFor(async () => {
    const row = await deliveryRow(id);
    return row && final.has(row.status) ? row : undefined;
  }, `delivery ${id} to finish`, timeoutMs);

export async function api<T = Payload>(path: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const response = await SELF.fetch(`https://fixforward.test${path}`, init);
  return { status: response.status, body: (await response.json()) as T };
}

let nextRepositoryId = 700_000_000 + Math.floor(Math.random() * 1_000_000);
/**
 * The bundled failing-CI scenario (examples/failing-ci, Codertocat/Hello-World) moved into a
 * repository of its own, so tests acting on GitHub never share a repository's state.
 */
export function scenarioInRepository(name = `e2e-${crypto.randomUUID().slice(0, 8)}`) {
  const repositoryId = nextRepositoryId++;
  const pullRequestId = nextRepositoryId++;
  const move = (payload: unknown): Payload =>
    JSON.parse(JSON.stringify(payload).replaceAll("Hello-World", name).replaceAll("186853002", String(repositoryId)).replaceAll("279147437", String(pullRequestId)));
  return { owner: "Codertocat", repo: name, repositoryId, move };
}
