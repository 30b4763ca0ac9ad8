import { and, eq, ne, sql } from "drizzle-orm";
import { repositories } from "../../db/schema";
import type { Db } from "../../db";
import { parseOrFail } from "./parse-or-fail";
import { installationRefSchema, repositorySchema } from "./payload-schemas";

const asIso = (v: string | number | null | undefined) =>
  v == null ? null : typeof v === "number" ? new Date(v * 1000).toISOString() : v;

/** Every repository-scoped event refreshes the repository row, so `GET /repos` stays current. */
export function upsertRepository(db: Db, payload: Record<string, unknown>) {
  const repo = parseOrFail(repositorySchema, payload.repository, "repository");
  const installation = parseOrFail(installationRefSchema, payload.installation, "installation");
  const values = {
    id: repo.id,
    installationId: installation?.id ?? null,
    fullName: repo.full_name,
    owner: repo.owner.login,
    name: repo.name,
    private: repo.private ?? false,
    defaultBranch: repo.default_branch ?? null,
    htmlUrl: repo.html_url ?? null,
    pushedAt: asIso(repo.pushed_at),
    updatedAt: new Date().toISOString(),
  };
  const { id: _id, ...update } = values;
  // A name can move to another repository (deleted and re-created, transferred): the newest event owns it.
  const release = db
    .update(repositories)
    .set({ fullName: sql`${repositories.fullName} || '#moved-' || ${repositories.id}` })
    .where(and(eq(repositories.fullName, repo.full_name), ne(repositories.id, repo.id)));
  const upsert = db.insert(repositories).values(values).onConflictDoUpdate({
    target: repositories.id,
    set: { ...update, installationId: values.installationId ?? undefined },
  });
  return { repo, statements: [release, upsert] as const };
}
