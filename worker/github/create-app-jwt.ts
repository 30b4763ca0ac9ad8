import { privateKeyToPkcs8 } from "./private-key-to-pkcs8";

export type AppJwtOptions = { appId: string; privateKey: string; now?: () => number };

const base64Url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
const encodeJson = (value: unknown) => base64Url(new TextEncoder().encode(JSON.stringify(value)));

/**
 * The JWT a GitHub App authenticates as itself with (RS256, WebCrypto). Issued 60 s in the past to
 * absorb clock drift, valid 9 minutes (GitHub's limit is 10).
 */
export async function createAppJwt({ appId, privateKey, now = Date.now }: AppJwtOptions): Promise<{ jwt: string; expiresAt: number }> {
  if (!/^\d+$/.test(appId.trim())) throw new Error("fixforward: GITHUB_APP_ID must be the App's numeric id");
  const key = await crypto.subtle.importKey("pkcs8", privateKeyToPkcs8(privateKey), { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"])
    .catch((error: Error) => { throw new Error(`fixforward: GITHUB_APP_PRIVATE_KEY could not be read as an RSA key: ${error.message}`); });
  const seconds = Math.floor(now() / 1000);
  const expiresAt = seconds + 9 * 60;
  const unsigned = `${encodeJson({ alg: "RS256", typ: "JWT" })}.${encodeJson({ iat: seconds - 60, exp: expiresAt, iss: appId.trim() })}`;
  const signature = await crypto.subtle.sign("RSASSA-PKCS1-v1_5", key, new TextEncoder().encode(unsigned));
  return { jwt: `${unsigned}.${base64Url(new Uint8Array(signature))}`, expiresAt: expiresAt * 1000 };
}
