// `fixforward slo --prometheus URL --config FILE [--at UNIX_SECONDS] [--json] [--min-requests N] [--bearer-token T]`
// Evaluates the SLOs of a repository config against Prometheus at one instant.
// Exit codes: 0 allow, 1 deny, 3 inconclusive, 2 usage or config error.
import { readFileSync } from "node:fs";
import { parseRepoConfig } from "../worker/config";
import { createPrometheusClient, evaluateSlos, type SloEvaluation } from "../worker/slo";

const usage = "usage: fixforward slo --prometheus URL --config FILE [--at UNIX_SECONDS] [--json] [--min-requests N] [--bearer-token T]";

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

function table(result: SloEvaluation): string {
  const fmt = (x: number | null) => (x === null ? "  n/a " : `${x.toFixed(2).padStart(6)}×`);
  const out = [`verdict: ${result.verdict.toUpperCase()}`, ""];
  for (const slo of result.slos) {
    const budget = slo.errorBudgetRemaining === null ? "unknown" : `${(slo.errorBudgetRemaining * 100).toFixed(1)} %`;
    out.push(`${slo.name}  objective ${slo.objective} % over ${slo.period}  budget remaining ${budget}  → ${slo.verdict}`);
    out.push("  window      burn long  burn short  threshold  firing");
    for (const w of slo.windows) out.push(`  ${`${w.long}/${w.short}`.padEnd(10)}  ${fmt(w.burnRateLong)}    ${fmt(w.burnRateShort)}   ${String(w.threshold).padStart(6)}×   ${w.firing ? `YES (${w.severity})` : "no"}`);
    out.push("");
  }
  out.push("reasons:", ...result.reasons.map((r) => `  - ${r}`));
  return out.join("\n");
}

export async function run(argv: string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(usage);
    return 0;
  }
  const url = option(argv, "--prometheus");
  const configPath = option(argv, "--config");
  const atText = option(argv, "--at");
  const minText = option(argv, "--min-requests");
  if (!url || !configPath) {
    console.error(`fixforward: --prometheus and --config are required\n${usage}`);
    return 2;
  }
  const at = atText === undefined ? undefined : Number(atText);
  if (at !== undefined && !(Number.isFinite(at) && at > 0)) {
    console.error(`fixforward: --at must be a UNIX time in seconds, got "${atText}"`);
    return 2;
  }
  const minRequests = minText === undefined ? undefined : Number(minText);
  if (minRequests !== undefined && !(Number.isFinite(minRequests) && minRequests >= 0)) {
    console.error(`fixforward: --min-requests must be a number ≥ 0`);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(configPath, "utf8");
  } catch (error) {
    console.error(`fixforward: cannot read ${configPath}: ${(error as Error).message}`);
    return 2;
  }
  const config = parseRepoConfig(text);
  if (!config.ok) {
    console.error(config.error);
    return 2;
  }
  const client = createPrometheusClient({ url, bearerToken: option(argv, "--bearer-token") ?? process.env.PROMETHEUS_BEARER_TOKEN });
  const result = await evaluateSlos(config.config.slos, client, { ...(at === undefined ? {} : { at }), ...(minRequests === undefined ? {} : { minRequests }) });
  if (argv.includes("--json")) {
    const { evaluatedAt: _at, ...rest } = result;
    console.log(JSON.stringify({ ...rest, evaluatedAt: result.evaluatedAt }));
  } else console.log(table(result));
  return result.verdict === "allow" ? 0 : result.verdict === "deny" ? 1 : 3;
}
