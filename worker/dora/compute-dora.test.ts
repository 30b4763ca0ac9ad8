import { describe, expect, it } from "vitest";
import { computeDora } from ".";

const now = new Date("2026-06-30T00:00:00Z");
const dep = (id: number, day: number, state: string, env = "production") => ({ id, environment: env, createdAt: `2026-06-${String(day).padStart(2, "0")}T10:00:00Z`, statuses: [{ state: "in_progress", createdAt: `2026-06-${String(day).padStart(2, "0")}T10:00:00Z` }, { state, createdAt: `2026-06-${String(day).padStart(2, "0")}T11:00:00Z` }] });

describe("DORA", () => {
  it("computes the four figures from deployments and merged pull requests", () => {
    const d = computeDora({
      now, days: 28, environment: "production",
      deployments: [dep(1, 3, "success"), dep(2, 10, "failure"), { ...dep(3, 10, "success"), statuses: [{ state: "success", createdAt: "2026-06-10T15:00:00Z" }] }, dep(4, 20, "success"), dep(5, 21, "success", "staging")],
      mergedPrs: [{ createdAt: "2026-06-01T00:00:00Z", mergedAt: "2026-06-02T00:00:00Z" }, { createdAt: "2026-06-05T00:00:00Z", mergedAt: "2026-06-05T12:00:00Z" }],
    });
    expect(d.deploymentFrequency).toEqual({ perWeek: 0.75, deployments: 3 });
    expect(d.changeFailureRate).toBe(0.25);
    expect(d.recoveryHours).toBe(4);
    expect(d.leadTimeHours).toBe(18);
  });
  it("says there is no data instead of reporting zeros", () => {
    const d = computeDora({ now, days: 30, deployments: [], mergedPrs: [] });
    expect(d).toMatchObject({ deploymentFrequency: null, changeFailureRate: null, recoveryHours: null, leadTimeHours: null });
    expect(d.notes.join(" ")).toMatch(/no finished deployments/);
  });
});
