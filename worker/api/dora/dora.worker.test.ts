import { describe, expect, it } from "vitest";
import { api, deliver, example, waitForDelivery } from "../../../test/worker/helpers";

describe("GET /dora", () => {
  it("computes figures from deployment_status deliveries (real example payloads, recent dates)", async () => {
    const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3_600_000).toISOString();
    const base = example("deployment_status");
    const send = async (deploymentId: number, statusId: number, state: string, hoursAgo: number) => {
      const p = structuredClone(base);
      Object.assign(p.deployment, { id: deploymentId, environment: "production", created_at: at(hoursAgo + 1) });
      Object.assign(p.deployment_status, { id: statusId, state, environment: "production", created_at: at(hoursAgo) });
      const { id } = await deliver("deployment_status", p);
      expect((await waitForDelivery(id)).status).toBe("processed");
    };
    await send(501, 601, "failure", 30);
    await send(502, 602, "success", 27);
    await send(503, 603, "success", 5);
    const { status, body } = await api<{ deploymentFrequency: { deployments: number }; changeFailureRate: number; recoveryHours: number }>("/dora?days=7&environment=production");
    expect(status).toBe(200);
    expect(body.deploymentFrequency.deployments).toBe(2);
    expect(body.changeFailureRate).toBeCloseTo(1 / 3, 2);
    expect(body.recoveryHours).toBeCloseTo(3, 1);
    expect((await api("/dora?days=0")).status).toBe(400);
  });
});
