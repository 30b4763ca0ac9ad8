import { Octokit } from "@octokit/rest";

export type GithubCredentials = { kind: "token"; token: string } | { kind: "app"; appId: string; privateKey: string } | { kind: "none" };

export type GithubClientOptions = {
  apiUrl?: string;
  credentials: GithubCredentials;
  fetch?: typeof fetch; // injected: the Worker's fetch, or a test's
  /** Waits before retrying a rate-limited request (injected so tests need not sleep). */
  sleep?: (ms: number) => Promise<void>;
  maxRetryWaitMs?: number;
  /** Per request; an unreachable or silent API must not hold a run forever. */
  timeoutMs?: number;
};

/** GitHub credentials from the Worker's configuration: a token wins; App credentials are exchanged per installation (github-access). */
export function resolveGithubCredentials(env: { GITHUB_TOKEN?: string; GITHUB_APP_ID?: string; GITHUB_APP_PRIVATE_KEY?: string }): GithubCredentials {
  if (env.GITHUB_TOKEN) return { kind: "token", token: env.GITHUB_TOKEN };
  if (env.GITHUB_APP_ID && env.GITHUB_APP_PRIVATE_KEY) return { kind: "app", appId: env.GITHUB_APP_ID, privateKey: env.GITHUB_APP_PRIVATE_KEY.replaceAll("\\n", "\n") };
  return { kind: "none" };
}

/**
 * Octokit over the given fetch, rate-limit aware: a 403/429 with `retry-after` or an exhausted
 * `x-ratelimit-remaining` waits (bounded) and retries up to twice; a 5xx is retried once.
 */
export function createGithubClient(options: GithubClientOptions) {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const maxWait = options.maxRetryWaitMs ?? 60_000;
  const octokit = new Octokit({
    baseUrl: (options.apiUrl ?? "https://api.github.com").replace(/\/+$/, ""),
    userAgent: "fixforward",
    ...(options.credentials.kind === "token" ? { auth: options.credentials.token } : {}),
    request: {
      fetch: (input: RequestInfo | URL, init?: RequestInit) =>
        (options.fetch ?? fetch)(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(options.timeoutMs ?? 15_000) }),
    },
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
  octokit.hook.wrap("request", async (request, requestOptions) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request(requestOptions);
      } catch (error) {
        const e = error as { status?: number; response?: { headers?: Record<string, string | undefined> } };
        const headers = e.response?.headers ?? {};
        const limited = (e.status === 403 || e.status === 429) && (headers["retry-after"] || headers["x-ratelimit-remaining"] === "0");
        if (limited && attempt < 2) {
          const wait = headers["retry-after"] ? Number(headers["retry-after"]) * 1000 : Math.max(0, Number(headers["x-ratelimit-reset"] ?? 0) * 1000 - Date.now());
          if (wait <= maxWait) {
            await sleep(wait);
            continue;
          }
        }
        if ((e.status ?? 0) >= 500 && attempt < 1) {
          await sleep(500);
          continue;
        }
        throw error;
      }
    }
  });
  return octokit;
}
export type GithubClient = ReturnType<typeof createGithubClient>;
