// Shapes one SLO's burn-rate windows for the chart: one group per window pair, the long and short
// window's burn rate as bars, the pair's threshold as the line they are judged against.

export type SloWindow = { long: string; short: string; burnRateLong: number | null; burnRateShort: number | null; threshold: number; firing: boolean; severity: "page" | "ticket" };
export type BurnPoint = { window: string; long: number | null; short: number | null; threshold: number; firing: boolean; severity: string };

export function burnChartData(windows: SloWindow[]): { points: BurnPoint[]; max: number; description: string } {
  const points = windows.map((w) => ({ window: `${w.long} / ${w.short}`, long: round(w.burnRateLong), short: round(w.burnRateShort), threshold: w.threshold, firing: w.firing, severity: w.severity }));
  const max = Math.max(1, ...points.flatMap((p) => [p.long ?? 0, p.short ?? 0, p.threshold])) * 1.15;
  // The chart's text alternative: every number the picture shows.
  const description = points.map((p) => `${p.window}: burn ${fmt(p.long)} (long), ${fmt(p.short)} (short) against ${p.threshold}× — ${p.firing ? `firing (${p.severity})` : "not firing"}`).join("; ");
  return { points, max: Math.ceil(max * 10) / 10, description };
}

const round = (v: number | null) => (v === null || !Number.isFinite(v) ? null : Math.round(v * 100) / 100);
const fmt = (v: number | null) => (v === null ? "no data" : `${v}×`);
