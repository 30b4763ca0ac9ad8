import { verify } from "@octokit/webhooks-methods";

export type SignatureCheck = { ok: true; signedWith: "current" | "previous" } | { ok: false; reason: string };

/**
 * Checks X-Hub-Signature-256 against the current secret, then the previous one (secret rotation).
 * Runs before the body is parsed: nothing unsigned is ever interpreted or stored.
 */
export async function verifySignature(
  body: string,
  signature: string | null,
  secrets: { current: string; previous?: string },
): Promise<SignatureCheck> {
  if (!signature) return { ok: false, reason: "missing X-Hub-Signature-256 header" };
  if (!/^sha256=[0-9a-f]{64}$/i.test(signature)) return { ok: false, reason: "malformed X-Hub-Signature-256 header" };
  if (await verify(secrets.current, body, signature)) return { ok: true, signedWith: "current" };
  if (secrets.previous && (await verify(secrets.previous, body, signature))) return { ok: true, signedWith: "previous" };
  return { ok: false, reason: "signature does not match" };
}
