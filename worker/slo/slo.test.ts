import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration, parseRepoConfig } from "../config";
import { assessRisk, planRollout, renderRolloutPlanMarkdown } from "../rollout";
import { burnWindows, errorBudget } from "./burn-windows";
import { createPrometheusClient, parseSampleValue } from "./prometheus-client";

describe("durations and windows", () => {
  it("formats Prometheus durations in shortest form", () => {
    expect([300, 3600, 5400, 259200, 2592000].map(formatDuration)).toEqual(["5m", "1h", "1h30m", "3d", "30d"]);
    expect(parseDuration("1h30m")).toBe(5400);
    expect(() => parseDuration("soon")).toThrow(/invalid duration/);
  });
  it("uses the Workbook pairs for 30 days and scales them for other periods", () => {
    expect(burnWindows("30d").map((w) => `${w.long}/${w.short}@${w.threshold}`)).toEqual(["1h/5m@14.4", "6h/30m@6", "3d/6h@1"]);
    expect(burnWindows("7d").map((w) => `${w.long}/${w.short}`)).toEqual(["14m/1m", "1h24m/7m", "16h48m/1h24m"]);
  });
  it("computes the budget without float noise", () => {
    expect(errorBudget(99.9)).toBe(0.001);
    expect(errorBudget(99.95)).toBe(0.0005);
    expect(100 - 99.9).not.toBe(0.1); // why errorBudget exists
  });
});

describe("config", () => {
  it("defaults when absent and explains what is invalid", () => {
    const d = parseRepoConfig(null);
    expect(d.ok && d.config.rollout.steps).toEqual([1, 5, 25, 50, 100]);
    const bad = parseRepoConfig("slos:\n  - name: x\n    objective: 120\n    errorQuery: a\n    totalQuery: b\n");
    expect(bad).toMatchObject({ ok: false });
    expect(!bad.ok && bad.error).toMatch(/slos\.0\.objective/);
    expect(parseRepoConfig("slos: [").ok).toBe(false);
  });
  it("accepts a Sloth prometheus/v1 spec", () => {
    const r = parseRepoConfig(`version: prometheus/v1
service: api
slos:
  - name: availability
    objective: 99.5
    sli:
      events:
        error_query: sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))
        total_query: sum(rate(http_requests_total[{{.window}}]))
`);
    expect(r.ok && r.config.slos[0]).toMatchObject({ name: "api-availability", objective: 99.5, errorQuery: 'sum(rate(http_requests_total{code=~"5.."}[{{window}}]))' });
  });
});

describe("Prometheus client error shapes", () => {
  const answering = (status: number, body: unknown) => createPrometheusClient({ url: "http://prom.test", fetch: async () => new Response(JSON.stringify(body), { status }) });
  it("parses NaN and infinities", () => {
    expect([parseSampleValue("NaN"), parseSampleValue("+Inf"), parseSampleValue("-Inf"), parseSampleValue("1.5")]).toEqual([NaN, Infinity, -Infinity, 1.5]);
  });
  it("reports errorType and error of a 400", async () => {
    const r = await answering(400, { status: "error", errorType: "bad_data", error: "parse error at char 3" }).query("sum(");
    expect(r).toMatchObject({ ok: false, kind: "query" });
    expect(!r.ok && r.error).toMatch(/bad_data: parse error/);
  });
  it("passes warnings through", async () => {
    const r = await answering(200, { status: "success", data: { resultType: "vector", result: [{ metric: {}, value: [1, "2"] }] }, warnings: ["partial"] }).query("x");
    expect(r).toEqual({ ok: true, samples: [{ metric: {}, value: 2 }], warnings: ["partial"] });
  });
  it("times out", async () => {
    const client = createPrometheusClient({ url: "http://prom.test", timeoutMs: 20, fetch: (_u, init) => new Promise((_r, reject) => init!.signal!.addEventListener("abort", () => reject(init!.signal!.reason))) });
    expect(await client.query("x")).toMatchObject({ ok: false, kind: "timeout" });
  });
});

describe("risk and rollout plan", () => {
  const cfg = (() => {
    const r = parseRepoConfig("slos:\n  - name: api\n    objective: 99.9\n    errorQuery: e[{{window}}]\n    totalQuery: t[{{window}}]\nrollout:\n  steps: [5, 50, 100]\n  pause: 15m\n");
    if (!r.ok) throw new Error(r.error);
    return r.config;
  })();
  it("scores risk from named factors that add up to the score", () => {
    const r = assessRisk({ linesChanged: 1200, filesChanged: 25, paths: ["db/migrations/0003.sql", "package.json"], testCoverage: 0.5 });
    expect(r.score).toBe(Math.min(100, Math.round(r.factors.reduce((s, f) => s + f.contribution, 0))));
    expect(r.factors.map((f) => f.name)).toEqual(expect.arrayContaining(["size", "spread", "area:database migrations", "area:dependencies", "test coverage"]));
  });
  it("plans from the config, slows down risky changes and holds when the budget is spent", () => {
    const low = planRollout(cfg, assessRisk({ linesChanged: 5, filesChanged: 1, testCoverage: 1 }));
    expect(low.steps).toEqual([{ percent: 5, pause: "15m" }, { percent: 50, pause: "15m" }, { percent: 100, pause: "0s" }]);
    expect(low.checks[0]!.promql).toBe("(e[5m]) / (t[5m]) / 0.001");
    const high = planRollout(cfg, { score: 60, level: "high", factors: [] });
    expect(high.steps[0]).toEqual({ percent: 1, pause: "30m" });
    const spent = planRollout(cfg, { score: 10, level: "low", factors: [] }, { verdict: "deny", reasons: ["api: error budget exhausted"], evaluatedAt: 0, slos: [] });
    expect(spent.mode).toBe("hold");
    expect(renderRolloutPlanMarkdown(low)).toMatch(/\| 1 \| 5 % \| 15m \|/);
  });
});
