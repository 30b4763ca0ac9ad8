import type { RiskLevel } from "../config/repo-config";

export type RiskInput = {
  linesChanged: number;
  filesChanged: number;
  paths?: string[];
  /** Share of changed source files with at least one selected test (0..1), when known. */
  testCoverage?: number | null;
  failedJobs?: number;
  flakyFailures?: number;
  /** Author's recent change failure rate (0..1), when known. */
  authorChangeFailureRate?: number | null;
};

export type RiskFactor = { name: string; value: string; weight: number; contribution: number; explanation: string };
export type RiskAssessment = { score: number; level: RiskLevel; factors: RiskFactor[] };

// Areas where a mistake costs more than its diff size suggests.
const sensitive: [string, RegExp, number][] = [
  ["database migrations", /(?:^|\/)migrations?\/|\.sql$|schema\.(?:prisma|rb|ts)$/i, 15],
  ["infrastructure", /(?:^|\/)(?:terraform|infra|k8s|helm|deploy)\/|\.tf$|Dockerfile$|wrangler\.toml$|\.github\/workflows\//i, 15],
  ["authentication", /auth|session|permission|secret|crypto|token/i, 10],
  ["dependencies", /(?:^|\/)(?:package(?:-lock)?\.json|pnpm-lock\.yaml|yarn\.lock|go\.(?:mod|sum)|Cargo\.(?:toml|lock)|requirements.*\.txt|Gemfile(?:\.lock)?|pom\.xml|build\.gradle)$/, 8],
];

/** A 0..100 risk score for a change, every point traceable to a named factor. */
export function assessRisk(input: RiskInput): RiskAssessment {
  const factors: RiskFactor[] = [];
  const add = (name: string, value: string, weight: number, contribution: number, explanation: string) =>
    factors.push({ name, value, weight, contribution: Math.round(contribution * 10) / 10, explanation });
  // Size: logarithmic, 10 lines ≈ 5 points, 1,000 lines ≈ 25, capped at 30.
  const size = Math.min(30, Math.max(0, Math.log10(Math.max(1, input.linesChanged)) * 8.5));
  add("size", `${input.linesChanged} lines`, 30, size, `${input.linesChanged} lines changed`);
  const spread = Math.min(15, Math.max(0, (input.filesChanged - 1) * 0.75));
  add("spread", `${input.filesChanged} files`, 15, spread, `${input.filesChanged} files touched`);
  for (const [area, re, weight] of sensitive) {
    const hits = (input.paths ?? []).filter((p) => re.test(p));
    if (hits.length) add(`area:${area}`, hits.slice(0, 3).join(", "), weight, weight, `touches ${area} (${hits.length} file${hits.length > 1 ? "s" : ""})`);
  }
  if (input.testCoverage != null) {
    const gap = (1 - Math.min(1, Math.max(0, input.testCoverage))) * 15;
    add("test coverage", `${Math.round(input.testCoverage * 100)} %`, 15, gap, `${Math.round(input.testCoverage * 100)} % of changed source files have a selected test`);
  } else add("test coverage", "unknown", 15, 7.5, "test coverage of the change is unknown");
  if (input.failedJobs) add("failing CI", `${input.failedJobs} job(s)`, 15, Math.min(15, input.failedJobs * 7.5), `${input.failedJobs} CI job(s) failing on the head commit`);
  if (input.flakyFailures) add("flaky history", `${input.flakyFailures}`, 5, Math.min(5, input.flakyFailures * 2.5), `${input.flakyFailures} failure(s) look flaky`);
  if (input.authorChangeFailureRate != null) {
    add("author change failure rate", `${Math.round(input.authorChangeFailureRate * 100)} %`, 10, input.authorChangeFailureRate * 10, `the author's recent changes failed ${Math.round(input.authorChangeFailureRate * 100)} % of the time`);
  }
  const score = Math.min(100, Math.round(factors.reduce((s, f) => s + f.contribution, 0)));
  const level: RiskLevel = score >= 75 ? "critical" : score >= 50 ? "high" : score >= 25 ? "medium" : "low";
  return { score, level, factors };
}
