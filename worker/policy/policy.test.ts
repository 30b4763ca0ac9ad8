import { describe, expect, it } from "vitest";
import { parseRepoConfig, type RepoConfig } from "../config";
import { assessRisk } from "../rollout";
import type { SloEvaluation } from "../slo";
import { evaluatePolicy } from "./evaluate-policy";
import { freezeState } from "./freeze-window";

const config = (yaml = ""): RepoConfig => {
  const r = parseRepoConfig(yaml);
  if (!r.ok) throw new Error(r.error);
  return r.config;
};
const lowRisk = assessRisk({ linesChanged: 10, filesChanged: 1, testCoverage: 1 });
const slo = (over: Partial<SloEvaluation["slos"][number]> = {}, verdict: SloEvaluation["verdict"] = "allow"): SloEvaluation => ({
  verdict, reasons: verdict === "inconclusive" ? ["api: 1h: too little traffic"] : [], evaluatedAt: 0,
  slos: [{ name: "api", objective: 99.9, period: "30d", errorBudgetRemaining: 0.6, windows: [], verdict, reasons: [], queries: [], ...over }],
});

describe("policy gate", () => {
  it("allows a small, tested change with budget left, and says why", () => {
    const d = evaluatePolicy({ config: config(), slo: slo(), risk: lowRisk, checks: [{ name: "test", conclusion: "success" }], now: new Date("2026-03-03T10:00:00Z") });
    expect(d.verdict).toBe("allow");
    expect(d.reasons[0]!.code).toBe("ok");
  });

  it("lists every reason: failing check, exhausted budget, page burn, risk", () => {
    const risky = assessRisk({ linesChanged: 5000, filesChanged: 60, paths: ["migrations/0001.sql", "src/auth/session.ts"], testCoverage: 0, failedJobs: 2 });
    const d = evaluatePolicy({
      config: config(), risk: risky, now: new Date("2026-03-03T10:00:00Z"),
      checks: [{ name: "test", conclusion: "failure" }],
      slo: slo({ errorBudgetRemaining: -0.1, windows: [{ long: "1h", short: "5m", burnRateLong: 20, burnRateShort: 22, threshold: 14.4, firing: true, severity: "page", reachable: true }] }, "deny"),
    });
    expect(d.verdict).toBe("deny");
    expect(d.reasons.map((r) => r.code).sort()).toEqual(["budget_exhausted", "burn_page", "check_failing", "risk_above_threshold"]);
    expect(d.reasons.find((r) => r.code === "burn_page")).toMatchObject({ value: 20, threshold: 14.4 });
  });

  it("inconclusive telemetry is configurable: needs-approval by default, deny when asked", () => {
    const input = { slo: slo({ errorBudgetRemaining: null }, "inconclusive"), risk: lowRisk, checks: [], now: new Date() };
    expect(evaluatePolicy({ ...input, config: config() }).verdict).toBe("needs-approval");
    expect(evaluatePolicy({ ...input, config: config("policy:\n  inconclusive: deny\n") }).verdict).toBe("deny");
  });

  it("is deterministic", () => {
    const input = { config: config(), slo: slo(), risk: lowRisk, checks: [], now: new Date("2026-03-03T10:00:00Z") };
    expect(evaluatePolicy(input)).toEqual(evaluatePolicy(structuredClone(input)));
  });

  it("asks for approval from requireApprovalAbove", () => {
    const risky = assessRisk({ linesChanged: 3000, filesChanged: 30, paths: ["infra/main.tf"], testCoverage: 0.2 });
    expect(risky.level === "high" || risky.level === "critical").toBe(true);
    expect(evaluatePolicy({ config: config(), risk: risky, checks: [], now: new Date() }).verdict).toBe("needs-approval");
    expect(evaluatePolicy({ config: config("policy:\n  requireApprovalAbove: critical\n"), risk: { ...risky, level: "high" }, checks: [], now: new Date() }).verdict).toBe("allow");
  });
});

describe("freeze windows", () => {
  // Friday 16:00 Europe/Berlin for 64 h (until Monday 08:00 local).
  const weekend = { cron: "0 16 * * 5", duration: "64h", timezone: "Europe/Berlin" };

  it("freezes from Friday 16:00 local time to Monday 08:00, in winter (UTC+1)", () => {
    expect(freezeState(weekend, new Date("2026-01-16T14:59:00Z")).frozen).toBe(false); // Fri 15:59 CET
    const s = freezeState(weekend, new Date("2026-01-16T15:00:00Z")); // Fri 16:00 CET
    expect(s).toMatchObject({ frozen: true, since: new Date("2026-01-16T15:00:00Z"), until: new Date("2026-01-19T07:00:00Z") });
    expect(freezeState(weekend, new Date("2026-01-19T06:59:00Z")).frozen).toBe(true);
    expect(freezeState(weekend, new Date("2026-01-19T07:00:00Z")).frozen).toBe(false);
  });

  it("follows the local clock across the DST change (last Sunday of March 2026)", () => {
    // Fri 27 March 16:00 CET = 15:00Z; clocks go forward on Sunday 29 March; 64 h later is Mon 30 March 07:00Z (09:00 CEST).
    const s = freezeState(weekend, new Date("2026-03-28T12:00:00Z"));
    expect(s).toMatchObject({ frozen: true, since: new Date("2026-03-27T15:00:00Z"), until: new Date("2026-03-30T07:00:00Z") });
    // The following Friday starts at 16:00 CEST = 14:00Z.
    expect(freezeState(weekend, new Date("2026-04-03T13:59:00Z")).frozen).toBe(false);
    expect(freezeState(weekend, new Date("2026-04-03T14:00:00Z")).frozen).toBe(true);
  });

  it("and back in October (clocks go back on 25 October 2026)", () => {
    expect(freezeState(weekend, new Date("2026-10-23T14:00:00Z")).frozen).toBe(true); // Fri 16:00 CEST
    expect(freezeState(weekend, new Date("2026-10-30T14:30:00Z")).frozen).toBe(false); // Fri 15:30 CET
    expect(freezeState(weekend, new Date("2026-10-30T15:00:00Z")).frozen).toBe(true); // Fri 16:00 CET
  });

  it("supports one-off dates and denies during them", () => {
    const c = config("policy:\n  freeze:\n    - { from: '2026-12-24T00:00:00Z', to: '2026-12-27T00:00:00Z', reason: holidays }\n");
    const d = evaluatePolicy({ config: c, risk: lowRisk, checks: [], now: new Date("2026-12-25T12:00:00Z") });
    expect(d.verdict).toBe("deny");
    expect(d.reasons[0]).toMatchObject({ code: "freeze", source: "policy.freeze" });
    expect(d.reasons[0]!.message).toMatch(/holidays/);
  });
});
