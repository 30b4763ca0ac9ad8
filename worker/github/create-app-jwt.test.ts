import { createPublicKey, createVerify, generateKeyPairSync, createPrivateKey } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createAppJwt } from "./create-app-jwt";
import { privateKeyToPkcs8 } from "./private-key-to-pkcs8";

// Keys are made by Node's own crypto, independently of the WebCrypto code under test.
const { privateKey: pkcs1 } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
const publicKey = createPublicKey(pkcs1);
const decode = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString());

describe("privateKeyToPkcs8", () => {
  it("turns GitHub's PKCS#1 key into the same PKCS#8 DER Node exports", () => {
    const expected = createPrivateKey(pkcs1).export({ type: "pkcs8", format: "der" });
    expect(Buffer.from(privateKeyToPkcs8(pkcs1)).equals(expected)).toBe(true);
  });

  it("passes PKCS#8 through, and accepts keys pasted with literal \\n", () => {
    const pkcs8 = createPrivateKey(pkcs1).export({ type: "pkcs8", format: "pem" }).toString();
    expect(Buffer.from(privateKeyToPkcs8(pkcs8)).equals(createPrivateKey(pkcs1).export({ type: "pkcs8", format: "der" }))).toBe(true);
    expect(Buffer.from(privateKeyToPkcs8(pkcs1.replaceAll("\n", "\\n"))).equals(Buffer.from(privateKeyToPkcs8(pkcs1)))).toBe(true);
  });

  it("says clearly what is wrong with a key that is not one", () => {
    expect(() => privateKeyToPkcs8("ghp_not-a-key")).toThrow(/^fixforward: GITHUB_APP_PRIVATE_KEY is not a PEM private key/);
    expect(() => privateKeyToPkcs8("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----")).toThrow(/EC PRIVATE KEY, expected an RSA/);
  });
});

describe("createAppJwt", () => {
  it("signs an RS256 JWT with a PKCS#1 key that verifies against the App's public key", async () => {
    const now = Date.UTC(2026, 10, 24, 12, 0, 0);
    const { jwt, expiresAt } = await createAppJwt({ appId: "12345", privateKey: pkcs1, now: () => now });
    const [header, payload, signature] = jwt.split(".");
    expect(decode(header!)).toEqual({ alg: "RS256", typ: "JWT" });
    expect(decode(payload!)).toEqual({ iss: "12345", iat: now / 1000 - 60, exp: now / 1000 + 540 });
    expect(expiresAt).toBe(now + 540_000);
    expect(createVerify("RSA-SHA256").update(`${header}.${payload}`).verify(publicKey, Buffer.from(signature!, "base64url"))).toBe(true);
  });

  it("a JWT signed with another key does not verify", async () => {
    const other = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
    const [header, payload, signature] = (await createAppJwt({ appId: "1", privateKey: other.privateKey })).jwt.split(".");
    expect(createVerify("RSA-SHA256").update(`${header}.${payload}`).verify(publicKey, Buffer.from(signature!, "base64url"))).toBe(false);
  });

  it("rejects a non-numeric App id and an unreadable key", async () => {
    await expect(createAppJwt({ appId: "my-app", privateKey: pkcs1 })).rejects.toThrow(/GITHUB_APP_ID must be the App's numeric id/);
    const broken = pkcs1.replace(/\n[A-Za-z0-9+/]{10}/, "\nAAAAAAAAAA");
    await expect(createAppJwt({ appId: "1", privateKey: broken })).rejects.toThrow(/^fixforward: GITHUB_APP_PRIVATE_KEY could not be read/);
  });
});
