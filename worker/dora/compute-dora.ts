// DORA figures from what D1 holds: deployment statuses and merged pull requests. No data → null
// with a note, never a zero that reads like a measurement.

export type DeploymentRecord = { id: number; environment: string; createdAt: string; statuses: { state: string; createdAt: string }[] };
export type MergedPr = { createdAt: string | null; mergedAt: string };
export type DoraInput = { deployments: DeploymentRecord[]; mergedPrs: MergedPr[]; now: Date; days: number; environment?: string };
export type Dora = {
  windowDays: number;
  environment: string | null;
  deploymentFrequency: { perWeek: number; deployments: number } | null;
  leadTimeHours: number | null;
  changeFailureRate: number | null;
  recoveryHours: number | null;
  notes: string[];
};

const HOUR = 3_600_000;
const median = (values: number[]) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const round = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);

export function computeDora(input: DoraInput): Dora {
  const since = input.now.getTime() - input.days * 86_400_000;
  const notes: string[] = [];
  // A deployment's outcome is its latest terminal status.
  const outcomes = input.deployments
    .filter((d) => !input.environment || d.environment === input.environment)
    .map((d) => {
      const terminal = d.statuses.filter((s) => ["success", "failure", "error"].includes(s.state)).sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1);
      return terminal ? { environment: d.environment, state: terminal.state === "success" ? "success" : "failure", at: Date.parse(terminal.createdAt) } : null;
    })
    .filter((o): o is { environment: string; state: string; at: number } => o !== null && o.at >= since)
    .sort((a, b) => a.at - b.at);
  const successes = outcomes.filter((o) => o.state === "success");
  const failuresList = outcomes.filter((o) => o.state === "failure");
  if (outcomes.length === 0) notes.push("no finished deployments in the window (deployment_status events)");
  const recoveries: number[] = [];
  for (const f of failuresList) {
    const next = successes.find((s) => s.environment === f.environment && s.at > f.at);
    if (next) recoveries.push((next.at - f.at) / HOUR);
  }
  if (failuresList.length && recoveries.length === 0) notes.push("no recovery yet after the failed deployments");
  const merged = input.mergedPrs.filter((p) => Date.parse(p.mergedAt) >= since && p.createdAt);
  if (merged.length === 0) notes.push("no merged pull requests in the window");
  else notes.push("lead time is measured from pull request creation to merge (first-commit times are not stored)");
  return {
    windowDays: input.days,
    environment: input.environment ?? null,
    deploymentFrequency: outcomes.length ? { perWeek: round((successes.length / input.days) * 7)!, deployments: successes.length } : null,
    leadTimeHours: round(median(merged.map((p) => (Date.parse(p.mergedAt) - Date.parse(p.createdAt!)) / HOUR))),
    changeFailureRate: outcomes.length ? round(failuresList.length / outcomes.length) : null,
    recoveryHours: round(median(recoveries)),
    notes,
  };
}
