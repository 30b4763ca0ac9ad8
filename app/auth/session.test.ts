import { describe, expect, it } from "vitest";
import { safeReturnTo } from "../routes/oauth.login";
import { requireSession } from "./require-session";
import { cookie, readCookie, signSession, verifySession } from "./session";

const secret = "unit-test-secret";
const env = { API: { fetch: async () => new Response() }, GITHUB_OAUTH_CLIENT_ID: "id", GITHUB_OAUTH_CLIENT_SECRET: "s", SESSION_SECRET: secret };

describe("dashboard session", () => {
  it("round-trips a signed session and refuses tampering, another key and expiry", async () => {
    const now = Date.UTC(2026, 10, 24);
    const value = await signSession("octocat", secret, now);
    expect(await verifySession(value, secret, now)).toEqual({ login: "octocat", exp: now + 8 * 3_600_000 });
    const [payload, signature] = value.split(".");
    const forged = btoa(JSON.stringify({ login: "mallory", exp: now + 1e9 })).replace(/=+$/, "");
    expect(await verifySession(`${forged}.${signature}`, secret, now)).toBeNull();
    expect(await verifySession(`${payload}.${signature!.slice(0, -2)}xx`, secret, now)).toBeNull();
    expect(await verifySession(value, "another-secret", now)).toBeNull();
    expect(await verifySession(value, secret, now + 9 * 3_600_000)).toBeNull();
    expect(await verifySession("garbage", secret, now)).toBeNull();
  });

  it("sets HttpOnly SameSite cookies (Secure on https) and reads them back", () => {
    expect(cookie("ff_session", "a.b", { maxAgeSeconds: 60, secure: true })).toBe("ff_session=a.b; Path=/; HttpOnly; SameSite=Lax; Max-Age=60; Secure");
    expect(readCookie(new Request("https://x/", { headers: { cookie: "a=1; ff_session=v%7C1; b=2" } }), "ff_session")).toBe("v|1");
  });

  it("never redirects off the site after sign-in", () => {
    expect(safeReturnTo("/prs/3?run=4")).toBe("/prs/3?run=4");
    for (const bad of ["//evil.example", "https://evil.example", "/\\evil.example", null, ""]) expect(safeReturnTo(bad)).toBe("/");
  });

  it("gates every request when sign-in is configured, and none when it is not", async () => {
    const page = new Request("https://d.example/prs?repo=a", { headers: { accept: "text/html" } });
    expect(await requireSession(page, { API: env.API })).toEqual({ viewer: null });
    const redirected = await requireSession(page, env);
    expect("response" in redirected && redirected.response.headers.get("location")).toBe("/oauth/login?returnTo=%2Fprs%3Frepo%3Da");
    const data = await requireSession(new Request("https://d.example/sse/stream"), env);
    expect("response" in data && data.response.status).toBe(401);
    expect(await requireSession(new Request("https://d.example/oauth/callback?code=1"), env)).toEqual({ viewer: null });
    const signedIn = new Request("https://d.example/prs", { headers: { cookie: `ff_session=${encodeURIComponent(await signSession("octocat", secret))}` } });
    expect(await requireSession(signedIn, env)).toEqual({ viewer: { login: "octocat" } });
  });
});
