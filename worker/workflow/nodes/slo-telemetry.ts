import { createPrometheusClient, evaluateSlos, type SloEvaluation } from "../../slo";
import type { WorkflowNode } from "../node";
import type { PrContext } from "./pr-context";

export type SloTelemetryOutput = (SloEvaluation & { status: "evaluated"; prometheus: string }) | { status: "skipped"; verdict: "skipped"; reasons: string[]; slos: [] };

/** Node 6: error-budget state of the service from Prometheus; skipped (and said so) when not configured. */
export const sloTelemetry: WorkflowNode<SloTelemetryOutput> = async (state, { env }) => {
  const pr = state.results.prContext as unknown as PrContext;
  if (!env.PROMETHEUS_URL) return { output: { status: "skipped", verdict: "skipped", reasons: ["PROMETHEUS_URL is not set: SLOs were not evaluated"], slos: [] }, summary: "SLOs not evaluated (no Prometheus configured)" };
  if (pr.config.slos.length === 0) return { output: { status: "skipped", verdict: "skipped", reasons: ["the repository config defines no SLOs"], slos: [] }, summary: "no SLOs configured" };
  const client = createPrometheusClient({ url: env.PROMETHEUS_URL, ...(env.PROMETHEUS_BEARER_TOKEN ? { bearerToken: env.PROMETHEUS_BEARER_TOKEN } : {}), timeoutMs: 8_000 });
  const result = await evaluateSlos(pr.config.slos, client);
  return { output: { status: "evaluated", prometheus: env.PROMETHEUS_URL, ...result }, summary: `SLOs ${result.verdict}: ${result.reasons[0] ?? ""}`.slice(0, 200) };
};
