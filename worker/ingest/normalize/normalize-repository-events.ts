import type { BatchItem } from "drizzle-orm/batch";
import { z } from "zod";
import { installations, pushes, repositories } from "../../db/schema";
import { parseOrFail } from "./parse-or-fail";
import { installationSchema } from "./payload-schemas";
import type { Normalizer } from "./types";
import { upsertRepository } from "./upsert-repository";

const pushSchema = z.looseObject({
  ref: z.string(),
  before: z.string(),
  after: z.string(),
  forced: z.boolean().optional(),
  pusher: z.looseObject({ name: z.string().optional() }).nullish(),
  commits: z.array(z.unknown()).default([]),
  head_commit: z.looseObject({ timestamp: z.string().optional() }).nullish(),
});

export const normalizePush: Normalizer = (ctx, payload) => {
  const { repo, statements: repoStatements } = upsertRepository(ctx.db, payload);
  const push = parseOrFail(pushSchema, payload, "push");
  const row = {
    deliveryId: ctx.deliveryId,
    repositoryId: repo.id,
    ref: push.ref,
    before: push.before,
    after: push.after,
    pusher: push.pusher?.name ?? null,
    commitCount: push.commits.length,
    forced: push.forced ?? false,
    headCommitAt: push.head_commit?.timestamp ?? null,
  };
  return { statements: [...repoStatements, ctx.db.insert(pushes).values(row).onConflictDoNothing()], triggers: [] };
};

const repoListSchema = z.array(z.looseObject({ id: z.number().int(), name: z.string(), full_name: z.string(), private: z.boolean().optional() })).default([]);

export const normalizeInstallation: Normalizer = (ctx, payload) => {
  const inst = parseOrFail(installationSchema, payload.installation, "installation");
  const status = ctx.action === "deleted" ? "deleted" : ctx.action === "suspend" ? "suspended" : "active";
  const login = inst.account?.login ?? inst.account?.slug ?? "unknown";
  const values = {
    id: inst.id,
    accountLogin: login,
    accountType: inst.account?.type ?? null,
    targetType: inst.target_type ?? null,
    repositorySelection: inst.repository_selection ?? null,
    status,
    createdAt: inst.created_at == null ? null : String(inst.created_at),
    updatedAt: new Date().toISOString(),
  } as const;
  const statements: BatchItem<"sqlite">[] = [ctx.db.insert(installations).values(values).onConflictDoUpdate({ target: installations.id, set: values })];
  // `installation` lists repositories; `installation_repositories` lists the added ones.
  const listed = parseOrFail(repoListSchema, payload.repositories ?? payload.repositories_added, "repositories");
  for (const r of listed) {
    const [owner = login, name = r.name] = r.full_name.split("/");
    const row = { id: r.id, installationId: inst.id, fullName: r.full_name, owner, name, private: r.private ?? false };
    statements.push(ctx.db.insert(repositories).values(row).onConflictDoUpdate({ target: repositories.id, set: { installationId: inst.id } }));
  }
  return { statements, triggers: [] };
};
