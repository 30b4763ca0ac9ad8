import { formatDuration, parseDuration } from "../config/duration";

export type BurnWindow = { long: string; short: string; longSeconds: number; shortSeconds: number; threshold: number; severity: "page" | "ticket" };

// SRE Workbook multi-window, multi-burn-rate pairs for a 30-day period.
const WORKBOOK_30D = [
  { long: 3_600, short: 300, threshold: 14.4, severity: "page" as const },
  { long: 21_600, short: 1_800, threshold: 6, severity: "page" as const },
  { long: 259_200, short: 21_600, threshold: 1, severity: "ticket" as const },
];

/**
 * The Workbook pairs scaled to the SLO's period: windows shrink or grow with the period, thresholds stay,
 * so each pair still means "this share of the budget is being spent this fast".
 */
export function burnWindows(period: string): BurnWindow[] {
  const scale = parseDuration(period) / 2_592_000;
  return WORKBOOK_30D.map((w) => {
    // Rounded to whole minutes: Prometheus range selectors need clean durations.
    const longSeconds = Math.max(60, Math.round((w.long * scale) / 60) * 60);
    const shortSeconds = Math.max(60, Math.round((w.short * scale) / 60) * 60);
    return { long: formatDuration(longSeconds), short: formatDuration(shortSeconds), longSeconds, shortSeconds, threshold: w.threshold, severity: w.severity };
  });
}

/** 1 − objective without binary-float noise (100 − 99.9 is 0.09999999999999432 otherwise). */
export function errorBudget(objectivePercent: number): number {
  return Math.round((100 - objectivePercent) * 1e9) / 1e11;
}

export { parseDuration };
