// The dashboard's session: a signed cookie (HMAC-SHA256, WebCrypto) holding the GitHub login.
// HttpOnly and SameSite=Lax, so scripts cannot read it and other sites cannot ride it.

export const SESSION_COOKIE = "ff_session";
export const STATE_COOKIE = "ff_oauth_state";
export const DEMO_COOKIE = "ff_demo";
const SESSION_HOURS = 8;

export type Session = { login: string; exp: number };

const encoder = new TextEncoder();
const b64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
const fromB64url = (text: string) => Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));

async function hmac(secret: string, data: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(data)));
}

/** Compares without an early exit, so timing does not tell how much of a forged signature was right. */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export async function signSession(login: string, secret: string, now = Date.now()): Promise<string> {
  const payload = b64url(encoder.encode(JSON.stringify({ login, exp: now + SESSION_HOURS * 3_600_000 } satisfies Session)));
  return `${payload}.${b64url(await hmac(secret, payload))}`;
}

/** The session in a cookie value, or null when missing, forged, malformed or expired. */
export async function verifySession(value: string | null | undefined, secret: string, now = Date.now()): Promise<Session | null> {
  if (!value) return null;
  const [payload, signature] = value.split(".");
  if (!payload || !signature) return null;
  if (!constantTimeEqual(signature, b64url(await hmac(secret, payload)))) return null;
  try {
    const session = JSON.parse(new TextDecoder().decode(fromB64url(payload))) as Session;
    return typeof session.login === "string" && typeof session.exp === "number" && session.exp > now ? session : null;
  } catch {
    return null;
  }
}

export function readCookie(request: Request, name: string): string | null {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

export function cookie(name: string, value: string, options: { maxAgeSeconds: number; secure: boolean }): string {
  return `${name}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${options.maxAgeSeconds}${options.secure ? "; Secure" : ""}`;
}

export const sessionMaxAgeSeconds = SESSION_HOURS * 3600;
