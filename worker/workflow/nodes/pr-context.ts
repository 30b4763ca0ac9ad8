import { eq } from "drizzle-orm";
import { parseRepoConfig, repoConfigSchema, type RepoConfig } from "../../config";
import { pullRequests, repositories } from "../../db/schema";
import { listPullCommits, listPullFiles, listTree, readFileAt } from "../../github";
import { githubAccess } from "../github-access";
import type { WorkflowNode } from "../node";

export type PrContext = {
  repository: string; owner: string; repo: string; installationId: number | null; defaultBranch: string | null;
  number: number; title: string; author: string | null; headSha: string; headRef: string; baseRef: string; htmlUrl: string | null;
  additions: number | null; deletions: number | null; changedFiles: number | null;
  files: { path: string; status?: string; additions?: number; deletions?: number }[];
  /** The PR's commits (newest last), capped; null when GitHub could not be asked. */
  commits: { sha: string; message: string; author: string | null }[] | null;
  /** Test-like paths at the head (for test selection), capped. */
  testFiles: string[] | null;
  config: RepoConfig;
  configSource: "repository" | "defaults";
  configError?: string;
  unavailable: string[];
};

const TESTISH = /(?:test|spec)|(?:^|\/)(?:package\.json|go\.mod|pyproject\.toml|Gemfile|pom\.xml|Cargo\.toml|vitest\.config\.\w+|jest\.config\.\w+)$/i;

/** Node 1: the pull request from D1, its files and `.github/fixforward.yml` at the head through the GitHub API. */
export const prContext: WorkflowNode<PrContext> = async (state, { db, env }) => {
  const row = await db.select({ pr: pullRequests, repo: repositories }).from(pullRequests)
    .innerJoin(repositories, eq(repositories.id, pullRequests.repositoryId)).where(eq(pullRequests.id, state.input.prId)).get();
  if (!row) throw new Error(`fixforward: pull request ${state.input.prId} not found in D1`);
  const { pr, repo } = row;
  const head = state.input.headSha;
  const { gh } = await githubAccess(env, db, repo.installationId);
  const where = { owner: repo.owner, repo: repo.name };
  const unavailable: string[] = [];
  const attempt = async <T>(what: string, read: () => Promise<T>): Promise<T | null> => {
    try {
      return await read();
    } catch (error) {
      unavailable.push(`${what}: ${(error as Error).message.split("\n")[0]}`);
      return null;
    }
  };
  const [files, commits, configText, tree] = await Promise.all([
    attempt("changed files", () => listPullFiles(gh, where, pr.number)),
    attempt("commits", () => listPullCommits(gh, where, pr.number)),
    attempt(".github/fixforward.yml", () => readFileAt(gh, where, ".github/fixforward.yml", head)),
    attempt("repository tree", () => listTree(gh, where, head)),
  ]);
  const parsed = parseRepoConfig(configText);
  // An invalid config does not stop the run: defaults apply and the memo says what is wrong.
  const config = parsed.ok ? parsed.config : repoConfigSchema.parse({});
  const output: PrContext = {
    repository: repo.fullName, owner: repo.owner, repo: repo.name, installationId: repo.installationId, defaultBranch: repo.defaultBranch,
    number: pr.number, title: pr.title, author: pr.author, headSha: head, headRef: pr.headRef, baseRef: pr.baseRef, htmlUrl: pr.htmlUrl,
    additions: pr.additions ?? (files ? files.reduce((s, f) => s + (f.additions ?? 0), 0) : null),
    deletions: pr.deletions ?? (files ? files.reduce((s, f) => s + (f.deletions ?? 0), 0) : null),
    changedFiles: pr.changedFiles ?? files?.length ?? null,
    files: (files ?? []).slice(0, 300).map(({ patch: _p, ...f }) => f),
    commits: commits ? commits.slice(-50) : null,
    testFiles: tree ? tree.filter((p) => TESTISH.test(p)).slice(0, 3000) : null,
    config, configSource: configText ? "repository" : "defaults",
    ...(parsed.ok ? {} : { configError: parsed.error }),
    unavailable,
  };
  const extras = [files ? `${files.length} file(s)` : "files unknown", ...(commits ? [`${commits.length} commit(s)`] : []), configText ? (parsed.ok ? "config read" : "config INVALID") : "default config"];
  return { output, summary: `${repo.fullName}#${pr.number} “${pr.title}” at ${head.slice(0, 7)} — ${extras.join(", ")}` };
};
