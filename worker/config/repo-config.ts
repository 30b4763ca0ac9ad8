import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { parseDuration } from "./duration";

const duration = z.string().refine((v) => {
  try {
    parseDuration(v);
    return true;
  } catch {
    return false;
  }
}, "must be a duration such as 5m, 1h or 30d");

export const riskLevels = ["low", "medium", "high", "critical"] as const;
export type RiskLevel = (typeof riskLevels)[number];

const sloSchema = z.object({
  name: z.string().min(1).max(100),
  objective: z.number().gt(0).lt(100),
  period: duration.default("30d"),
  errorQuery: z.string().includes("{{window}}", { message: "must contain {{window}}" }),
  totalQuery: z.string().includes("{{window}}", { message: "must contain {{window}}" }),
  /** Fewer requests than this over a window make the window inconclusive (no traffic is not good news). */
  minRequests: z.number().nonnegative().optional(),
});

const freezeSchema = z.union([
  z.object({ cron: z.string().min(9), duration, timezone: z.string().default("UTC"), reason: z.string().optional() }),
  z.object({ from: z.string(), to: z.string(), reason: z.string().optional() }),
]);

export const repoConfigSchema = z.object({
  slos: z.array(sloSchema).default([]),
  rollout: z.object({
    steps: z.array(z.number().gt(0).lte(100)).min(1).default([1, 5, 25, 50, 100]),
    pause: duration.default("10m"),
  }).default({ steps: [1, 5, 25, 50, 100], pause: "10m" }),
  policy: z.object({
    freeze: z.array(freezeSchema).default([]),
    requireApprovalAbove: z.enum(riskLevels).default("high"),
    inconclusive: z.enum(["deny", "needs-approval"]).default("needs-approval"),
    requiredChecks: z.array(z.string()).optional(),
  }).default({ freeze: [], requireApprovalAbove: "high", inconclusive: "needs-approval" }),
  tests: z.object({ map: z.array(z.object({ source: z.string(), tests: z.string() })).default([]) }).default({ map: [] }),
});
export type RepoConfig = z.infer<typeof repoConfigSchema>;
export type SloSpec = z.infer<typeof sloSchema>;
export type FreezeWindow = z.infer<typeof freezeSchema>;

// The same SLO written as a Sloth `prometheus/v1` spec (queries use {{.window}}).
const slothSchema = z.object({
  version: z.literal("prometheus/v1"),
  service: z.string(),
  slos: z.array(z.object({
    name: z.string(),
    objective: z.number(),
    sli: z.object({ events: z.object({ error_query: z.string(), total_query: z.string() }) }),
  })),
});

export type ConfigResult = { ok: true; config: RepoConfig } | { ok: false; error: string };

/** `.github/fixforward.yml` (or a Sloth spec); absent → defaults; invalid → a clear error, never a crash. */
export function parseRepoConfig(text: string | null | undefined): ConfigResult {
  if (text == null || !text.trim()) return { ok: true, config: repoConfigSchema.parse({}) };
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    return { ok: false, error: `fixforward: config is not valid YAML: ${(error as Error).message.split("\n")[0]}` };
  }
  const sloth = slothSchema.safeParse(raw);
  if (sloth.success) {
    raw = {
      slos: sloth.data.slos.map((s) => ({
        name: `${sloth.data.service}-${s.name}`,
        objective: s.objective,
        errorQuery: s.sli.events.error_query.replaceAll("{{.window}}", "{{window}}"),
        totalQuery: s.sli.events.total_query.replaceAll("{{.window}}", "{{window}}"),
      })),
    };
  }
  const parsed = repoConfigSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `fixforward: invalid config at ${issue.path.join(".") || "(root)"}: ${issue.message}` };
  }
  return { ok: true, config: parsed.data };
}
