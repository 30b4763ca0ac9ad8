import { eq } from "drizzle-orm";
import type { Db } from "../db";
import { tokenCache } from "../db/schema";
import type { CachedToken, TokenCache } from "./get-installation-token";

/**
 * Installation tokens cached in D1, encrypted (AES-GCM) under a key derived from `secret` (the App's
 * private key), so a database export alone does not hand out write access to repositories.
 */
export function d1TokenCache(db: Db, secret: string): TokenCache {
  const aesKey = crypto.subtle.digest("SHA-256", new TextEncoder().encode(`fixforward-token-cache\n${secret}`))
    .then((raw) => crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]));
  return {
    async get(key) {
      const row = await db.select().from(tokenCache).where(eq(tokenCache.key, key)).get();
      if (!row) return null;
      try {
        const [iv, data] = row.token.split(".").map((part) => Uint8Array.from(atob(part), (c) => c.charCodeAt(0)));
        const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: iv! }, await aesKey, data!);
        return { token: new TextDecoder().decode(plain), expiresAt: Date.parse(row.expiresAt) };
      } catch {
        return null; // encrypted under another key (rotated private key): fetch a new token
      }
    },
    async put(key, value: CachedToken) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const data = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await aesKey, new TextEncoder().encode(value.token)));
      const token = `${btoa(String.fromCharCode(...iv))}.${btoa(String.fromCharCode(...data))}`;
      const expiresAt = new Date(value.expiresAt).toISOString();
      await db.insert(tokenCache).values({ key, token, expiresAt }).onConflictDoUpdate({ target: tokenCache.key, set: { token, expiresAt } }).run();
    },
  };
}
