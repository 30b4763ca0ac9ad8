// Same root failure → same fingerprint across runs: volatile parts (times, ids, temp paths, numbers) are normalised away.

export function normalizeForFingerprint(line: string): string {
  return line
    .toLowerCase()
    .replace(/\d{4}-\d\d-\d\d[t ]\d\d:\d\d:\d\d(?:\.\d+)?z?/g, "<time>")
    .replace(/\b\d\d:\d\d:\d\d(?:\.\d+)?\b/g, "<time>")
    .replace(/(?:\/tmp|\/var\/folders|\/private\/var|c:\\users\\[^\\]+\\appdata\\local\\temp)[^\s:'"]*/g, "<tmp>")
    .replace(/\/home\/(?:runner|travis)\/work\/[^/\s]+\/[^/\s]+\//g, "")
    .replace(/\/home\/travis\/build\/[^/\s]+\/[^/\s]+\//g, "")
    .replace(/\/builds\/[^/\s]+\/[^/\s]+\//g, "")
    .replace(/\b[0-9a-f]{7,64}\b/g, "<id>")
    .replace(/\b0x[0-9a-f]+\b/g, "<addr>")
    .replace(/\d+(?:\.\d+)?\s*(?:ms|s|sec|seconds|m|min|minutes)\b/g, "<duration>")
    .replace(/\d+/g, "#")
    .replace(/\s+/g, " ")
    .trim();
}

/** 64-bit FNV-1a (two 32-bit halves): synchronous and available everywhere, unlike crypto.subtle. */
export function fingerprintOf(parts: string[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0xcbf29ce4;
  for (const part of parts) {
    const text = normalizeForFingerprint(part) + "\n";
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ c, 0x01000193 ^ 0x5bd1e995) >>> 0;
    }
  }
  return h1.toString(16).padStart(8, "0") + h2.toString(16).padStart(8, "0");
}
