import { describe, expect, it } from "vitest";
import { demoResponse } from "./demo-api";

describe("demo data", () => {
  it("answers the dashboard's reads from a recorded run, whatever the query", () => {
    const prs = demoResponse("/prs?state=all&perPage=10");
    expect(prs.ok && (prs.data as { pullRequests: { repository: string }[] }).pullRequests[0]!.repository).toBe("Codertocat/Hello-World");
    const run = demoResponse("/prs/1/agent-runs");
    expect(run.ok && (run.data as { agentRuns: unknown[] }).agentRuns.length).toBeGreaterThan(0);
  });

  it("is read-only and says what it does not have", () => {
    expect(demoResponse("/agent-runs/1/approve", "POST")).toMatchObject({ ok: false, status: 409, error: expect.stringMatching(/read-only/) });
    expect(demoResponse("/prs/999")).toMatchObject({ ok: false, status: 404 });
  });
});
