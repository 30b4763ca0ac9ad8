// A corpus of more than 200 hostile or broken requests: every one gets the specified 4xx/2xx,
// never a 5xx, and nothing unsigned is ever stored.
import { sign } from "@octokit/webhooks-methods";
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { example, newDeliveryId, waitForDelivery } from "../worker/helpers";

type Case = { name: string; init: () => Promise<{ headers: Record<string, string>; body: string | Uint8Array; id?: string }>; expect: number[]; stored?: "none" | "rejected" | "accepted" };

const SECRET = "test-secret";
const base = (event: string, id: string, signature?: string, contentType = "application/json"): Record<string, string> => ({
  "content-type": contentType, "x-github-event": event, "x-github-delivery": id, ...(signature ? { "x-hub-signature-256": signature } : {}),
});
const weird = ["", " ", "\u0000", "\u202e", "😀".repeat(50), "<script>alert(1)</script>", "'; DROP TABLE deliveries; --", "\uffff", "a".repeat(5000), "\r\n\r\n", "%00", "../../etc/passwd"];

function corpus(): Case[] {
  const cases: Case[] = [];
  const pr = example("pull_request", (p) => p.action === "opened");
  const body = JSON.stringify(pr);
  // 1. forged and malformed signatures (nothing stored)
  const badSignatures = ["sha256=", "sha256=zz", "sha1=abc", "sha256=" + "0".repeat(64), "SHA256=" + "0".repeat(64), "sha256=" + "g".repeat(64), " sha256=", "sha256=" + "0".repeat(63), "md5=00", "sha256=\t"];
  for (const sig of badSignatures) cases.push({ name: `bad signature ${JSON.stringify(sig).slice(0, 20)}`, init: async () => ({ headers: base("pull_request", newDeliveryId("forged"), sig), body }), expect: [401], stored: "none" });
  for (const secret of ["", "wrong", "test-secret ", "TEST-SECRET", "previous-secret-no"]) {
    cases.push({ name: `signed with ${JSON.stringify(secret)}`, init: async () => ({ headers: base("pull_request", newDeliveryId("forged"), secret ? await sign(secret, body) : "sha256=" + "1".repeat(64)), body }), expect: [401], stored: "none" });
  }
  // signature of a different body (replayed signature)
  for (let i = 0; i < 10; i++) {
    cases.push({ name: `signature of another body #${i}`, init: async () => ({ headers: base("pull_request", newDeliveryId("forged"), await sign(SECRET, body + " ".repeat(i + 1))), body }), expect: [401], stored: "none" });
  }
  // 2. truncated bodies with valid signatures (rejected, recorded)
  for (let cut = 1; cut <= 40; cut++) {
    const truncated = body.slice(0, Math.floor((body.length * cut) / 41));
    cases.push({ name: `truncated at ${cut}/41`, init: async () => ({ headers: base("pull_request", newDeliveryId("trunc"), await sign(SECRET, truncated)), body: truncated }), expect: [400], stored: "rejected" });
  }
  // 3. wrong content types
  for (const type of ["text/plain", "application/xml", "multipart/form-data; boundary=x", "application/octet-stream", "image/png"]) {
    cases.push({ name: `content type ${type}`, init: async () => ({ headers: base("pull_request", newDeliveryId("ctype"), await sign(SECRET, body), type), body }), expect: [400], stored: "rejected" });
  }
  // form without payload / with broken payload
  for (const form of ["foo=bar", "payload=", "payload=%7Bnot", "payload", "=&=&="]) {
    cases.push({ name: `form ${form}`, init: async () => ({ headers: base("pull_request", newDeliveryId("form"), await sign(SECRET, form), "application/x-www-form-urlencoded"), body: form }), expect: [400], stored: "rejected" });
  }
  // 4. non-object JSON
  for (const json of ["null", "[]", "42", '"str"', "true", "[{}]"]) {
    cases.push({ name: `JSON ${json}`, init: async () => ({ headers: base("pull_request", newDeliveryId("shape"), await sign(SECRET, json)), body: json }), expect: [400], stored: "rejected" });
  }
  // 5. missing or malformed headers (signed: 400, nothing stored)
  for (const [event, id] of [["", "ok-id"], ["pull_request", ""], ["Pull Request", "x"], ["pull_request", "id with spaces"], ["x".repeat(100), "x"], ["pull_request", "x".repeat(200)], ["../", "x"], ["pull-request", "x"]] as const) {
    cases.push({ name: `headers event=${event.slice(0, 10)} id=${id.slice(0, 10)}`, init: async () => ({ headers: { ...base(event, id, await sign(SECRET, body)) }, body }), expect: [400], stored: "none" });
  }
  // 6. unicode and control characters in every string field of a real payload (accepted, processed or failed, never 5xx)
  const stringPaths: string[][] = [];
  const walk = (value: unknown, path: string[]) => {
    if (typeof value === "string") stringPaths.push(path);
    else if (value && typeof value === "object" && path.length < 4) for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
  };
  walk(pr, []);
  stringPaths.slice(0, 80).forEach((path, i) => {
    const mutated = structuredClone(pr);
    let target: any = mutated;
    for (const key of path.slice(0, -1)) target = target[key];
    target[path.at(-1)!] = weird[i % weird.length];
    const text = JSON.stringify(mutated);
    cases.push({ name: `weird ${path.join(".")}`, init: async () => ({ headers: base("pull_request", newDeliveryId("weird"), await sign(SECRET, text)), body: text }), expect: [202], stored: "accepted" });
  });
  // 7. unknown events and actions
  for (const event of ["star", "fork", "watch", "gollum", "sponsorship", "made_up_event", "meta", "label", "team_add", "issues"]) {
    const payload = JSON.stringify({ action: "whatever", zen: "x" });
    cases.push({ name: `unknown event ${event}`, init: async () => ({ headers: base(event, newDeliveryId("unknown"), await sign(SECRET, payload)), body: payload }), expect: [202], stored: "accepted" });
  }
  for (const action of ["made_up", "", "\u0000", "😀", "a".repeat(300)]) {
    const p = structuredClone(pr);
    p.action = action;
    const text = JSON.stringify(p);
    cases.push({ name: `unknown action ${JSON.stringify(action).slice(0, 12)}`, init: async () => ({ headers: base("pull_request", newDeliveryId("action"), await sign(SECRET, text)), body: text }), expect: [202], stored: "accepted" });
  }
  // 8. deeply nested JSON (valid, huge depth)
  for (const depth of [100, 1000, 5000]) {
    const nested = `{"action":"opened","x":${"[".repeat(depth)}${"]".repeat(depth)}}`;
    cases.push({ name: `nested depth ${depth}`, init: async () => ({ headers: base("pull_request", newDeliveryId("nested"), await sign(SECRET, nested)), body: nested }), expect: [202], stored: "accepted" });
  }
  // 9. duplicate delivery ids with different bodies: first wins, others acknowledged
  const dupId = newDeliveryId("dup");
  for (let i = 0; i < 10; i++) {
    const p = structuredClone(pr);
    p.pull_request.title = `variant ${i}`;
    const text = JSON.stringify(p);
    cases.push({ name: `duplicate id variant ${i}`, init: async () => ({ headers: base("pull_request", dupId, await sign(SECRET, text)), body: text, id: dupId }), expect: [202], stored: "accepted" });
  }
  // 10. invalid UTF-8 bytes, signed over the bytes
  for (const bytes of [[0xff], [0xc3, 0x28], [0xe2, 0x82], [0xf0, 0x28, 0x8c, 0x28], [0xed, 0xa0, 0x80]]) {
    const raw = new Uint8Array([...new TextEncoder().encode('{"action":"opened","x":"'), ...bytes, ...new TextEncoder().encode('"}')]);
    cases.push({ name: `invalid utf-8 ${bytes.join(",")}`, init: async () => ({ headers: base("pull_request", newDeliveryId("utf8"), "sha256=" + "0".repeat(64)), body: raw }), expect: [401], stored: "none" });
  }
  return cases;
}

describe("bad-input corpus", () => {
  const cases = corpus();
  it(`has at least 200 requests (${cases.length})`, () => expect(cases.length).toBeGreaterThanOrEqual(200));

  it("answers every request as specified, never 5xx, and stores nothing forged", async () => {
    const failures: string[] = [];
    const accepted: string[] = [];
    for (const c of cases) {
      const { headers, body } = await c.init();
      const response = await SELF.fetch("https://fixforward.test/webhooks/github", { method: "POST", headers, body });
      const text = await response.text();
      if (response.status >= 500 || !c.expect.includes(response.status)) failures.push(`${c.name}: ${response.status} ${text.slice(0, 120)}`);
      if (response.status < 500) {
        try {
          const json = JSON.parse(text);
          if (response.status >= 400 && !(json.error?.code && json.error?.message)) failures.push(`${c.name}: error body without code/message`);
        } catch {
          failures.push(`${c.name}: non-JSON answer`);
        }
      }
      const id = headers["x-github-delivery"];
      if (c.stored === "accepted" && id && response.status === 202) accepted.push(id);
      if (c.stored === "rejected" && id) {
        const row = await env.DB.prepare("SELECT status FROM deliveries WHERE id = ?").bind(id).first<{ status: string }>();
        if (row?.status !== "rejected") failures.push(`${c.name}: expected a rejected record, got ${row?.status}`);
      }
    }
    expect(failures).toEqual([]);
    const forged = await env.DB.prepare("SELECT COUNT(*) AS n FROM deliveries WHERE id LIKE 'forged-%' OR id LIKE 'utf8-%'").first<{ n: number }>();
    expect(forged?.n).toBe(0);
    // Every accepted delivery reaches a final state: nothing accepted is lost.
    for (const id of accepted) {
      const row = await waitForDelivery(id, 30_000);
      expect(["processed", "failed", "ignored"], `${id}: ${row.status} ${row.error}`).toContain(row.status);
    }
    const dup = await env.DB.prepare("SELECT COUNT(*) AS n FROM deliveries WHERE id LIKE 'dup-%'").first<{ n: number }>();
    expect(dup?.n).toBe(1);
  }, 180_000);
});
