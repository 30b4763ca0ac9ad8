// Failure triage: why a CI job failed, from its log. Pure TypeScript (Worker, Node, benches).
import { createTriage } from "./create-triage";
import type { TriageResult } from "./types";

export { createTriage, type Triage } from "./create-triage";
export { fingerprintOf, normalizeForFingerprint } from "./fingerprint";
export { categories, type Category, type Excerpt, type Location, type TriageResult } from "./types";

export function triageLog(text: string): TriageResult {
  const triage = createTriage();
  triage.push(text);
  return triage.finish();
}

export async function triageStream(stream: ReadableStream<Uint8Array>): Promise<TriageResult> {
  const triage = createTriage();
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    triage.push(value);
  }
  return triage.finish();
}
