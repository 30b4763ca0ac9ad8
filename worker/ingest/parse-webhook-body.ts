export type ParsedBody = { ok: true; payload: Record<string, unknown>; json: string } | { ok: false; reason: string };

/** Decodes the two content types GitHub sends: raw JSON, or a form with the JSON in `payload`. */
export function parseWebhookBody(contentType: string | null, body: string): ParsedBody {
  const type = (contentType ?? "application/json").split(";")[0]!.trim().toLowerCase();
  let json: string;
  if (type === "application/json") {
    json = body;
  } else if (type === "application/x-www-form-urlencoded") {
    const payload = new URLSearchParams(body).get("payload");
    if (payload === null) return { ok: false, reason: "form-encoded body has no `payload` field" };
    json = payload;
  } else {
    return { ok: false, reason: `unsupported content type "${type}" (expected application/json or application/x-www-form-urlencoded)` };
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return { ok: false, reason: `body is not valid JSON: ${(error as Error).message}` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, reason: "payload must be a JSON object" };
  }
  return { ok: true, payload: value as Record<string, unknown>, json };
}
