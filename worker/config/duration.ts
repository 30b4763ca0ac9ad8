// Prometheus duration strings ("5m", "1h", "3d", "1h30m"): parsed to seconds and formatted in shortest form.

const UNITS: [string, number][] = [["w", 604_800], ["d", 86_400], ["h", 3_600], ["m", 60], ["s", 1]];
const PART = /(\d+(?:\.\d+)?)(ms|[smhdwy])/g;

export function parseDuration(text: string): number {
  const trimmed = text.trim();
  if (!/^(?:\d+(?:\.\d+)?(?:ms|[smhdwy]))+$/.test(trimmed)) throw new Error(`fixforward: invalid duration "${text}" (expected e.g. 5m, 1h, 3d)`);
  let seconds = 0;
  for (const [, value, unit] of trimmed.matchAll(PART)) {
    const n = Number(value);
    seconds += unit === "ms" ? n / 1000 : unit === "y" ? n * 31_536_000 : n * UNITS.find(([u]) => u === unit)![1];
  }
  if (seconds <= 0) throw new Error(`fixforward: duration "${text}" must be positive`);
  return seconds;
}

/** Shortest exact form, e.g. 3600 → "1h", 5400 → "1h30m", 259200 → "3d" (weeks are written in days). */
export function formatDuration(seconds: number): string {
  let rest = Math.round(seconds);
  if (rest <= 0) return "0s";
  let out = "";
  for (const [unit, size] of UNITS.filter(([u]) => u !== "w")) {
    const n = Math.floor(rest / size);
    if (n > 0) (out += `${n}${unit}`), (rest -= n * size);
  }
  return out;
}
