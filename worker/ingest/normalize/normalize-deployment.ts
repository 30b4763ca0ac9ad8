import type { BatchItem } from "drizzle-orm/batch";
import { z } from "zod";
import { deploymentStatuses, deployments, protectionRuleRequests } from "../../db/schema";
import { parseOrFail } from "./parse-or-fail";
import { deploymentSchema, deploymentStatusSchema, prReferenceSchema } from "./payload-schemas";
import { ensurePullRequest } from "./normalize-pull-request";
import type { Normalizer, NormalizeContext } from "./types";
import { upsertRepository } from "./upsert-repository";

function deploymentRow(ctx: NormalizeContext, repositoryId: number, payload: Record<string, unknown>) {
  const d = parseOrFail(deploymentSchema, payload.deployment, "deployment");
  const values = {
    id: d.id,
    repositoryId,
    sha: d.sha,
    ref: d.ref ?? null,
    environment: d.environment,
    creator: d.creator?.login ?? null,
    createdAt: d.created_at ?? null,
  };
  return { deployment: d, statement: ctx.db.insert(deployments).values(values).onConflictDoUpdate({ target: deployments.id, set: values }) };
}

export const normalizeDeployment: Normalizer = (ctx, payload) => {
  const { repo, statements: repoStatements } = upsertRepository(ctx.db, payload);
  return { statements: [...repoStatements, deploymentRow(ctx, repo.id, payload).statement], triggers: [] };
};

export const normalizeDeploymentStatus: Normalizer = (ctx, payload) => {
  const { repo, statements: repoStatements } = upsertRepository(ctx.db, payload);
  const { deployment, statement: dep } = deploymentRow(ctx, repo.id, payload);
  const s = parseOrFail(deploymentStatusSchema, payload.deployment_status, "deployment_status");
  const values = {
    id: s.id,
    deploymentId: deployment.id,
    repositoryId: repo.id,
    state: s.state,
    environment: s.environment ?? deployment.environment,
    targetUrl: s.target_url ?? null,
    createdAt: s.created_at ?? null,
  };
  return { statements: [...repoStatements, dep, ctx.db.insert(deploymentStatuses).values(values).onConflictDoUpdate({ target: deploymentStatuses.id, set: values })], triggers: [] };
};

const protectionRuleSchema = z.looseObject({
  environment: z.string(),
  event: z.string().nullish(),
  deployment_callback_url: z.string().url(),
  deployment: deploymentSchema.nullish(),
  pull_requests: z.array(prReferenceSchema).default([]),
  installation: z.looseObject({ id: z.number().int() }).nullish(),
});

/** GitHub waits (up to 30 days) for an answer on the callback URL; each PR in it gets a gate run. */
export const normalizeProtectionRule: Normalizer = (ctx, payload) => {
  const { repo, statements: repoStatements } = upsertRepository(ctx.db, payload);
  const rule = parseOrFail(protectionRuleSchema, payload, "deployment_protection_rule");
  const statements: BatchItem<"sqlite">[] = [
    ...repoStatements,
    ctx.db.insert(protectionRuleRequests).values({
      deliveryId: ctx.deliveryId,
      repositoryId: repo.id,
      installationId: rule.installation?.id ?? null,
      environment: rule.environment,
      event: rule.event ?? null,
      callbackUrl: rule.deployment_callback_url,
      sha: rule.deployment?.sha ?? null,
      ref: rule.deployment?.ref ?? null,
      pullRequestNumbers: rule.pull_requests.map((p) => p.number),
    }).onConflictDoNothing(),
  ];
  if (rule.deployment) statements.push(deploymentRow(ctx, repo.id, payload).statement);
  const triggers = rule.pull_requests.map((ref) => {
    statements.push(ensurePullRequest(ctx.db, repo.id, ref));
    return {
      repositoryId: repo.id, prNumber: ref.number, headSha: ref.head.sha, trigger: "deployment_protection_rule.requested",
      protectionRule: { deliveryId: ctx.deliveryId, environment: rule.environment },
    };
  });
  return { statements, triggers };
};
