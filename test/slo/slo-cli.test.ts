// `fixforward slo` against a real Prometheus (Debian's), with backfilled history per scenario.
// Expected burn rates are computed here from the generated counters, independently of the library.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectedRatio, freePort, generate, startPrometheus, type RunningPrometheus, type Series } from "./prometheus-fixture";

const HOUR = 3_600;
const DAY = 86_400;
// Aligned to the hour, a few hours in the past: inside the backfilled blocks, reproducible with --at.
const END = Math.floor(Date.now() / 1000 / HOUR) * HOUR - 3 * HOUR;
const PER_MINUTE = 1_000;
const TOLERANCE = 0.03; // relative: rate() extrapolates at the window edges

const scenarios = [
  { job: "healthy", perMinute: () => ({ total: PER_MINUTE, errors: 0.5 }) }, // 0.05 % errors: burn 0.5
  { job: "slow", perMinute: (ago: number) => ({ total: PER_MINUTE, errors: ago < 4 * DAY ? 1.5 : 0.5 }) }, // burn 1.5 for 4 days: ticket pair only
  { job: "fast", perMinute: (ago: number) => ({ total: PER_MINUTE, errors: ago < 70 * 60 ? 20 : 0.5 }) }, // burn 20 for 70 minutes: page pair
  { job: "exhausted", perMinute: () => ({ total: PER_MINUTE, errors: 1.2 }) }, // burn 1.2 all month: budget spent
  { job: "idle", perMinute: () => ({ total: 0, errors: 0 }) }, // no traffic at all
];

let prometheus: RunningPrometheus;
let series: Series[];
const dir = mkdtempSync(join(tmpdir(), "fixforward-slo-"));

function configFor(job: string, extra = ""): string {
  const file = join(dir, `${job}${extra ? "-x" : ""}.yml`);
  writeFileSync(file, `slos:
  - name: ${job}-availability
    objective: 99.9
    period: 30d
    errorQuery: sum(rate(http_requests_total{job="${job}",code=~"5.."}[{{window}}]))${extra}
    totalQuery: sum(rate(http_requests_total{job="${job}"}[{{window}}]))${extra}
`);
  return file;
}

function cli(args: string[]): { code: number; json: any } {
  try {
    const out = execFileSync(process.execPath, ["bin/fixforward.mjs", "slo", ...args, "--json"], { encoding: "utf8" });
    return { code: 0, json: JSON.parse(out) };
  } catch (error) {
    const e = error as { status: number; stdout: string };
    return { code: e.status, json: JSON.parse(e.stdout) };
  }
}

const evaluate = (job: string, extra = "") => cli(["--prometheus", prometheus.url, "--config", configFor(job, extra), "--at", String(END)]);

beforeAll(async () => {
  series = generate(scenarios, END);
  prometheus = await startPrometheus(series);
}, 120_000);
afterAll(() => prometheus?.stop());

function expectBurnRates(job: string, json: any) {
  const s = series.find((x) => x.job === job)!;
  const windows = { "5m": 300, "30m": 1_800, "1h": HOUR, "6h": 6 * HOUR, "3d": 3 * DAY };
  for (const w of json.slos[0].windows) {
    for (const [key, window] of [["burnRateLong", w.long], ["burnRateShort", w.short]] as const) {
      const expected = expectedRatio(s, END, windows[window as keyof typeof windows]) / 0.001;
      expect(w[key], `${job} ${window}`).toBeGreaterThan(expected * (1 - TOLERANCE) - 1e-9);
      expect(w[key], `${job} ${window}`).toBeLessThan(expected * (1 + TOLERANCE) + 1e-9);
    }
  }
}

describe("fixforward slo against a real Prometheus", () => {
  it("healthy: allow, burn rates as generated, budget mostly left", () => {
    const { code, json } = evaluate("healthy");
    expect(code).toBe(0);
    expect(json.verdict).toBe("allow");
    expect(json.slos[0].windows.map((w: any) => [w.long, w.short, w.threshold])).toEqual([["1h", "5m", 14.4], ["6h", "30m", 6], ["3d", "6h", 1]]);
    expect(json.slos[0].windows.every((w: any) => !w.firing)).toBe(true);
    expectBurnRates("healthy", json);
    expect(json.slos[0].errorBudgetRemaining).toBeCloseTo(0.5, 1);
  });

  it("slow burn: only the ticket pair fires", () => {
    const { json } = evaluate("slow");
    expectBurnRates("slow", json);
    expect(json.slos[0].windows.map((w: any) => w.firing)).toEqual([false, false, true]);
    expect(json.verdict).toBe("allow");
    expect(json.reasons.join(" ")).toMatch(/ticket-level burn/);
  });

  it("fast burn: the page pair fires and the verdict is deny", () => {
    const { code, json } = evaluate("fast");
    expectBurnRates("fast", json);
    expect(json.slos[0].windows[0].firing).toBe(true);
    expect(json.verdict).toBe("deny");
    expect(code).toBe(1);
  });

  it("budget exhausted: deny with the remaining budget below zero", () => {
    const { json } = evaluate("exhausted");
    expect(json.slos[0].errorBudgetRemaining).toBeLessThan(0);
    expect(json.slos[0].errorBudgetRemaining).toBeCloseTo(1 - 1.2, 1);
    expect(json.verdict).toBe("deny");
  });

  it("no traffic: inconclusive, never allow", () => {
    const { code, json } = evaluate("idle");
    expect(json.verdict).toBe("inconclusive");
    expect(code).toBe(3);
    expect(json.reasons.join(" ")).toMatch(/no data|too little traffic/);
  });

  it("NaN from Prometheus: inconclusive", () => {
    const { json } = evaluate("healthy", " * NaN");
    expect(json.verdict).toBe("inconclusive");
    expect(json.reasons.join(" ")).toMatch(/NaN/);
  });

  it("Prometheus down: inconclusive with the reason", async () => {
    const port = await freePort();
    const { code, json } = cli(["--prometheus", `http://127.0.0.1:${port}`, "--config", configFor("healthy"), "--at", String(END)]);
    expect(code).toBe(3);
    expect(json.verdict).toBe("inconclusive");
    expect(json.reasons.join(" ")).toMatch(/unreachable/);
  });

  it("a query Prometheus rejects: inconclusive with its error", () => {
    const { json } = evaluate("healthy", " +");
    expect(json.verdict).toBe("inconclusive");
    expect(json.reasons.join(" ")).toMatch(/bad_data|parse error/);
  });
});
