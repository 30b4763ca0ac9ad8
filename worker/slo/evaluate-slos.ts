import { formatDuration, parseDuration } from "../config/duration";
import type { SloSpec } from "../config/repo-config";
import { burnWindows, errorBudget } from "./burn-windows";
import type { PrometheusClient } from "./prometheus-client";

export type SloVerdict = "allow" | "deny" | "inconclusive";

export type WindowReading =
  | { status: "ok"; errorRate: number; totalRate: number; ratio: number; requests: number }
  | { status: "no_data" | "nan" | "no_traffic" | "error"; reason: string };

export type WindowResult = {
  long: string;
  short: string;
  burnRateLong: number | null;
  burnRateShort: number | null;
  threshold: number;
  firing: boolean;
  severity: "page" | "ticket";
  reachable: boolean;
};

export type SloResult = {
  name: string;
  objective: number;
  period: string;
  errorBudgetRemaining: number | null;
  windows: WindowResult[];
  verdict: SloVerdict;
  reasons: string[];
  queries: { window: string; error: string; total: string }[];
};

export type SloEvaluation = { slos: SloResult[]; verdict: SloVerdict; reasons: string[]; evaluatedAt: number };

export type EvaluateOptions = { at?: number; minRequests?: number };

const round = (x: number) => Math.round(x * 1e6) / 1e6;
const fill = (query: string, window: string) => query.replaceAll("{{window}}", window);

/** Multi-window, multi-burn-rate evaluation of every SLO at one instant. No data is never good news. */
export async function evaluateSlos(slos: SloSpec[], client: PrometheusClient, options: EvaluateOptions = {}): Promise<SloEvaluation> {
  const at = options.at ?? Math.floor(Date.now() / 1000);
  const results = await Promise.all(slos.map((slo) => evaluateSlo(slo, client, at, slo.minRequests ?? options.minRequests ?? 1)));
  const verdict: SloVerdict = results.some((r) => r.verdict === "deny") ? "deny" : results.some((r) => r.verdict === "inconclusive") ? "inconclusive" : "allow";
  const reasons = results.flatMap((r) => r.reasons.map((reason) => `${r.name}: ${reason}`));
  if (slos.length === 0) return { slos: [], verdict: "inconclusive", reasons: ["no SLOs are configured (slos: in .github/fixforward.yml)"], evaluatedAt: at };
  return { slos: results, verdict, reasons, evaluatedAt: at };
}

async function evaluateSlo(slo: SloSpec, client: PrometheusClient, at: number, minRequests: number): Promise<SloResult> {
  const budget = errorBudget(slo.objective);
  const pairs = burnWindows(slo.period);
  const durations = [...new Set([slo.period, ...pairs.flatMap((p) => [p.long, p.short])].map((d) => formatDuration(parseDuration(d))))];
  const readings = new Map<string, WindowReading>();
  await Promise.all(durations.map(async (window) => readings.set(window, await readWindow(slo, client, at, window, minRequests))));
  const reasons: string[] = [];
  const burn = (window: string) => {
    const r = readings.get(window)!;
    return r.status === "ok" ? r.ratio / budget : null;
  };
  let pageFiring = false;
  let inconclusive = false;
  const windows: WindowResult[] = pairs.map((p) => {
    const long = burn(p.long);
    const short = burn(p.short);
    // A threshold above 1 / budget needs an error ratio above 100 %: it can never fire.
    const reachable = p.threshold * budget <= 1;
    const firing = reachable && long !== null && short !== null && long > p.threshold && short > p.threshold;
    for (const w of [p.long, p.short]) {
      const r = readings.get(w)!;
      if (r.status !== "ok") inconclusive = true;
    }
    if (!reachable) reasons.push(`the ${p.long}/${p.short} pair can never fire: threshold ${p.threshold}× needs an error ratio of ${round(p.threshold * budget * 100)} %`);
    if (firing) {
      reasons.push(`${p.severity}-level burn: ${p.long} burn rate ${round(long!)}× and ${p.short} ${round(short!)}× exceed ${p.threshold}×`);
      if (p.severity === "page") pageFiring = true;
    }
    return { long: p.long, short: p.short, burnRateLong: long === null ? null : round(long), burnRateShort: short === null ? null : round(short), threshold: p.threshold, firing, severity: p.severity, reachable };
  });
  const period = readings.get(formatDuration(parseDuration(slo.period)))!;
  const remaining = period.status === "ok" ? round(1 - period.ratio / budget) : null;
  for (const [window, r] of readings) if (r.status !== "ok") reasons.push(`${window}: ${r.reason}`);
  const exhausted = remaining !== null && remaining <= 0;
  if (exhausted) reasons.push(`error budget exhausted: ${round((remaining ?? 0) * 100)} % remaining of ${round(budget * 100)} % over ${slo.period}`);
  const verdict: SloVerdict = pageFiring || exhausted ? "deny" : inconclusive || remaining === null ? "inconclusive" : "allow";
  if (verdict === "allow") reasons.push(`within budget: ${round((remaining ?? 0) * 100)} % of the error budget remains`);
  return {
    name: slo.name, objective: slo.objective, period: slo.period, errorBudgetRemaining: remaining, windows, verdict, reasons,
    queries: durations.map((window) => ({ window, error: fill(slo.errorQuery, window), total: fill(slo.totalQuery, window) })),
  };
}

async function readWindow(slo: SloSpec, client: PrometheusClient, at: number, window: string, minRequests: number): Promise<WindowReading> {
  const [errors, totals] = await Promise.all([client.query(fill(slo.errorQuery, window), at), client.query(fill(slo.totalQuery, window), at)]);
  if (!errors.ok) return { status: "error", reason: errors.error };
  if (!totals.ok) return { status: "error", reason: totals.error };
  if (totals.samples.length === 0) return { status: "no_data", reason: "the total query returned no data" };
  const totalRate = totals.samples.reduce((s, x) => s + x.value, 0);
  // An empty error result with traffic means no errors (a filtered-out series), not missing data.
  const errorRate = errors.samples.reduce((s, x) => s + x.value, 0);
  if (!Number.isFinite(totalRate) || !Number.isFinite(errorRate)) return { status: "nan", reason: `the queries returned ${Number.isNaN(totalRate) || Number.isNaN(errorRate) ? "NaN" : "an infinite value"}` };
  const requests = totalRate * parseDuration(window); // the queries are rates: per-second over the window
  if (totalRate <= 0 || requests < minRequests) return { status: "no_traffic", reason: `too little traffic (${round(requests)} requests < ${minRequests})` };
  const ratio = errorRate / totalRate;
  if (!Number.isFinite(ratio)) return { status: "nan", reason: "the error ratio is not a number" };
  return { status: "ok", errorRate, totalRate, ratio, requests };
}
