// Talks to the GitHub stand-in's test controls (test/github-server/server.mjs) from workerd tests.
import { env } from "cloudflare:test";

export type StandinRepoState = {
  defaultBranch: string;
  comments: { id: number; issue: number; body: string }[];
  checkRuns: { id: number; name: string; head_sha: string; external_id?: string; conclusion?: string; output?: { title?: string }; annotations: unknown[] }[];
  refs: Record<string, string>;
  objects: Record<string, { type: string; content?: string; tree?: unknown; parents?: { sha: string }[] }>;
  createdPulls: { number: number; head: string; base: string; title: string }[];
  reruns: number[];
  protectionAnswers: { runId: number; environment_name: string; state: string }[];
};
export type StandinRequest = { method: string; path: string; repo: string | null; body: unknown; auth: string | null };

const control = (path: string, body?: unknown) =>
  fetch(`${env.GITHUB_API_URL}/_standin/${path}`, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then((r) => r.json());

/** A repository name nobody else's test uses, so parallel tests never see each other's writes. */
export const freshRepo = (prefix = "repo") => ({ owner: "acme", repo: `${prefix}-${crypto.randomUUID().slice(0, 8)}` });

export const standin = {
  state: (r: { owner: string; repo: string }) => control(`state?repo=${r.owner}/${r.repo}`) as Promise<StandinRepoState>,
  requests: (r: { owner: string; repo: string }) => control(`requests?repo=${r.owner}/${r.repo}`) as Promise<StandinRequest[]>,
  seed: (r: { owner: string; repo: string }, seed: { defaultBranch?: string; pulls?: Record<number, unknown>; runs?: Record<number, unknown> }) => control("seed", { repo: `${r.owner}/${r.repo}`, ...seed }),
  rateLimit: (limit: { path: string; times: number; retryAfter?: number; resetInSeconds?: number }) => control("rate-limit", limit),
  registerApp: (app: { appId: string; publicKey: string; tokenTtlSeconds?: number }) => control("apps", app),
};
