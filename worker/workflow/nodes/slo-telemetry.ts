import type { WorkflowNode } from "../node";

export type SloTelemetryOutput = { verdict: "allow" | "deny" | "inconclusive" | "skipped"; reasons: string[]; slos: unknown[] };

/** Node 6: error-budget state of the service from Prometheus. */
export const sloTelemetry: WorkflowNode<SloTelemetryOutput> = async (_state, { env }) => {
  if (!env.PROMETHEUS_URL) {
    return { output: { verdict: "skipped", reasons: ["PROMETHEUS_URL is not set: SLOs were not evaluated"], slos: [] }, summary: "SLOs not evaluated (no Prometheus configured)" };
  }
  return { output: { verdict: "inconclusive", reasons: ["SLO evaluation is not wired yet"], slos: [] }, summary: "inconclusive" };
};
