/** GitHub caps webhook payloads at 25 MB; anything bigger is not from GitHub. */
export const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

export type LimitedBody = { ok: true; bytes: Uint8Array } | { ok: false; reason: "too_large" };

/** Reads a request body without ever holding more than `limit` bytes (chunked bodies have no Content-Length). */
export async function readLimitedBody(request: Request, limit = MAX_WEBHOOK_BYTES): Promise<LimitedBody> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) return { ok: false, reason: "too_large" };
  if (!request.body) return { ok: true, bytes: new Uint8Array() };
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return { ok: false, reason: "too_large" };
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return { ok: true, bytes };
}
