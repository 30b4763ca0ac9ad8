// The labelled demo mode: answers the dashboard's API calls from responses captured from a real
// run (scripts/capture-demo-data.mjs), read-only. Only ever on when the viewer asks for it, and
// then every page says so.
import captured from "./demo-data.json";

const responses = captured.responses as Record<string, unknown>;
export const demoCapturedAt = captured.capturedAt;

export function demoResponse(path: string, method = "GET"): { ok: true; data: unknown } | { ok: false; status: number; error: string } {
  if (method !== "GET") return { ok: false, status: 409, error: "demo data is read-only: leave demo mode to act on real runs" };
  const bare = path.split("?")[0]!;
  const found = responses[bare];
  return found === undefined ? { ok: false, status: 404, error: `no demo data for ${bare}` } : { ok: true, data: found };
}
