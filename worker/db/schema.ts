// D1 schema (drizzle). GitHub objects keep GitHub's numeric id as primary key so that
// re-delivered events upsert the same row; our own records (PRs, runs, actions) use
// row ids, which the HTTP API exposes. Timestamps are ISO-8601 text: sortable and readable.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

export const deliveryStatuses = [
  "received", // stored, not yet handed to the queue
  "queued",
  "processing",
  "processed",
  "failed", // permanent failure (bad payload for its event); reason in `error`
  "dead_lettered", // retries exhausted
  "rejected", // signed but unusable (broken JSON); reason in `error`
  "ignored", // event we do not handle
] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export const deliveries = sqliteTable(
  "deliveries",
  {
    id: text("id").primaryKey(), // X-GitHub-Delivery
    event: text("event").notNull(),
    action: text("action"),
    installationId: integer("installation_id"),
    repositoryFullName: text("repository_full_name"),
    receivedAt: text("received_at").notNull().default(now),
    status: text("status", { enum: deliveryStatuses }).notNull(),
    error: text("error"),
    attempts: integer("attempts").notNull().default(0),
    payloadBytes: integer("payload_bytes").notNull().default(0),
    signedWith: text("signed_with", { enum: ["current", "previous"] }),
    // Random per accepted request: payload chunks are only written for the request that created the row.
    payloadNonce: text("payload_nonce"),
    finishedAt: text("finished_at"),
  },
  (t) => [index("deliveries_received_at").on(t.receivedAt), index("deliveries_status").on(t.status)],
);

// Raw bodies, split in chunks so a 25 MB payload fits D1's row limit; queue messages carry only the id.
export const deliveryPayloads = sqliteTable(
  "delivery_payloads",
  {
    deliveryId: text("delivery_id").notNull(),
    chunk: integer("chunk").notNull(),
    body: text("body").notNull(),
  },
  (t) => [primaryKey({ columns: [t.deliveryId, t.chunk] })],
);

export const installations = sqliteTable("installations", {
  id: integer("id").primaryKey(),
  accountLogin: text("account_login").notNull(),
  accountType: text("account_type"),
  targetType: text("target_type"),
  repositorySelection: text("repository_selection"),
  status: text("status", { enum: ["active", "suspended", "deleted"] }).notNull().default("active"),
  createdAt: text("created_at"),
  updatedAt: text("updated_at").notNull().default(now),
});

export const repositories = sqliteTable(
  "repositories",
  {
    id: integer("id").primaryKey(),
    installationId: integer("installation_id"),
    fullName: text("full_name").notNull(),
    owner: text("owner").notNull(),
    name: text("name").notNull(),
    private: integer("private", { mode: "boolean" }).notNull().default(false),
    defaultBranch: text("default_branch"),
    htmlUrl: text("html_url"),
    pushedAt: text("pushed_at"),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [uniqueIndex("repositories_full_name").on(t.fullName)],
);

export const pullRequests = sqliteTable(
  "pull_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    githubId: integer("github_id").notNull(),
    repositoryId: integer("repository_id").notNull(),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    author: text("author"),
    headSha: text("head_sha").notNull(),
    headRef: text("head_ref").notNull(),
    baseSha: text("base_sha").notNull(),
    baseRef: text("base_ref").notNull(),
    state: text("state", { enum: ["open", "closed"] }).notNull(),
    draft: integer("draft", { mode: "boolean" }).notNull().default(false),
    merged: integer("merged", { mode: "boolean" }).notNull().default(false),
    mergedAt: text("merged_at"),
    htmlUrl: text("html_url"),
    additions: integer("additions"),
    deletions: integer("deletions"),
    changedFiles: integer("changed_files"),
    createdAt: text("created_at"),
    updatedAt: text("updated_at").notNull(),
    verdict: text("verdict"), // latest gate verdict, for list filters
  },
  (t) => [
    uniqueIndex("pull_requests_repo_number").on(t.repositoryId, t.number),
    index("pull_requests_head_sha").on(t.headSha),
    index("pull_requests_updated_at").on(t.updatedAt),
  ],
);

export const checkSuites = sqliteTable(
  "check_suites",
  {
    id: integer("id").primaryKey(),
    repositoryId: integer("repository_id").notNull(),
    headSha: text("head_sha").notNull(),
    headBranch: text("head_branch"),
    status: text("status"),
    conclusion: text("conclusion"),
    appSlug: text("app_slug"),
    createdAt: text("created_at"),
    updatedAt: text("updated_at"),
  },
  (t) => [index("check_suites_head_sha").on(t.headSha)],
);

export const checkRuns = sqliteTable(
  "check_runs",
  {
    id: integer("id").primaryKey(),
    repositoryId: integer("repository_id").notNull(),
    checkSuiteId: integer("check_suite_id"),
    name: text("name").notNull(),
    headSha: text("head_sha").notNull(),
    status: text("status"),
    conclusion: text("conclusion"),
    htmlUrl: text("html_url"),
    detailsUrl: text("details_url"),
    startedAt: text("started_at"),
    completedAt: text("completed_at"),
  },
  (t) => [index("check_runs_head_sha").on(t.headSha)],
);

export const workflowRuns = sqliteTable(
  "workflow_runs",
  {
    id: integer("id").primaryKey(),
    repositoryId: integer("repository_id").notNull(),
    name: text("name"),
    event: text("event"),
    headSha: text("head_sha").notNull(),
    headBranch: text("head_branch"),
    status: text("status"),
    conclusion: text("conclusion"),
    runNumber: integer("run_number"),
    runAttempt: integer("run_attempt"),
    htmlUrl: text("html_url"),
    pullRequestNumbers: text("pull_request_numbers", { mode: "json" }).$type<number[]>(),
    runStartedAt: text("run_started_at"),
    createdAt: text("created_at"),
    updatedAt: text("updated_at"),
  },
  (t) => [index("workflow_runs_head_sha").on(t.headSha)],
);

export const workflowJobs = sqliteTable(
  "workflow_jobs",
  {
    id: integer("id").primaryKey(),
    runId: integer("run_id").notNull(),
    repositoryId: integer("repository_id").notNull(),
    name: text("name").notNull(),
    headSha: text("head_sha").notNull(),
    status: text("status"),
    conclusion: text("conclusion"),
    runAttempt: integer("run_attempt"),
    htmlUrl: text("html_url"),
    startedAt: text("started_at"),
    completedAt: text("completed_at"),
    failedStep: text("failed_step"),
    /** The failing step's number on GitHub: job log links point at `#step:<n>:<line>`. */
    failedStepNumber: integer("failed_step_number"),
  },
  (t) => [index("workflow_jobs_run_id").on(t.runId), index("workflow_jobs_head_sha").on(t.headSha)],
);

export const pushes = sqliteTable(
  "pushes",
  {
    deliveryId: text("delivery_id").primaryKey(),
    repositoryId: integer("repository_id").notNull(),
    ref: text("ref").notNull(),
    before: text("before").notNull(),
    after: text("after").notNull(),
    pusher: text("pusher"),
    commitCount: integer("commit_count").notNull(),
    forced: integer("forced", { mode: "boolean" }).notNull().default(false),
    headCommitAt: text("head_commit_at"),
  },
  (t) => [index("pushes_repository").on(t.repositoryId)],
);

export const deployments = sqliteTable("deployments", {
  id: integer("id").primaryKey(),
  repositoryId: integer("repository_id").notNull(),
  sha: text("sha").notNull(),
  ref: text("ref"),
  environment: text("environment").notNull(),
  creator: text("creator"),
  createdAt: text("created_at"),
});

export const deploymentStatuses = sqliteTable(
  "deployment_statuses",
  {
    id: integer("id").primaryKey(),
    deploymentId: integer("deployment_id").notNull(),
    repositoryId: integer("repository_id").notNull(),
    state: text("state").notNull(),
    environment: text("environment"),
    targetUrl: text("target_url"),
    createdAt: text("created_at"),
  },
  (t) => [index("deployment_statuses_deployment").on(t.deploymentId)],
);

export const protectionRuleRequests = sqliteTable("protection_rule_requests", {
  deliveryId: text("delivery_id").primaryKey(),
  repositoryId: integer("repository_id").notNull(),
  installationId: integer("installation_id"),
  environment: text("environment").notNull(),
  event: text("event"),
  callbackUrl: text("callback_url").notNull(),
  sha: text("sha"),
  ref: text("ref"),
  pullRequestNumbers: text("pull_request_numbers", { mode: "json" }).$type<number[]>(),
  answer: text("answer", { enum: ["pending", "approved", "rejected"] }).notNull().default("pending"),
  createdAt: text("created_at").notNull().default(now),
});

export const agentRunStatuses = [
  "queued",
  "running",
  "waiting_approval",
  "succeeded",
  "failed",
  "superseded",
  "cancelled",
] as const;
export type AgentRunStatus = (typeof agentRunStatuses)[number];

export const agentRuns = sqliteTable(
  "agent_runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    pullRequestId: integer("pull_request_id").notNull(),
    // One run per trigger: the delivery id for webhooks, a request id for manual runs.
    triggerKey: text("trigger_key").notNull(),
    trigger: text("trigger").notNull(), // e.g. "workflow_run.completed", "manual:orchestrate"
    mode: text("mode", { enum: ["orchestrate", "fix-forward"] }).notNull().default("orchestrate"),
    headSha: text("head_sha").notNull(),
    status: text("status", { enum: agentRunStatuses }).notNull().default("queued"),
    currentNode: text("current_node"),
    attempts: integer("attempts").notNull().default(0),
    createdAt: text("created_at").notNull().default(now),
    startedAt: text("started_at"),
    finishedAt: text("finished_at"),
    verdict: text("verdict"),
    decidedBy: text("decided_by"),
    decision: text("decision"),
    error: text("error"),
    result: text("result", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  (t) => [
    uniqueIndex("agent_runs_trigger_key").on(t.triggerKey),
    index("agent_runs_pull_request").on(t.pullRequestId),
  ],
);

export const actionStatuses = ["pending", "succeeded", "failed", "skipped", "dry_run"] as const;

export const actions = sqliteTable(
  "actions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agentRunId: integer("agent_run_id"),
    kind: text("kind").notNull(),
    target: text("target").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    payload: text("payload", { mode: "json" }).$type<unknown>(),
    status: text("status", { enum: actionStatuses }).notNull().default("pending"),
    dryRun: integer("dry_run", { mode: "boolean" }).notNull().default(false),
    result: text("result", { mode: "json" }).$type<unknown>(),
    url: text("url"),
    error: text("error"),
    createdAt: text("created_at").notNull().default(now),
    updatedAt: text("updated_at").notNull().default(now),
  },
  (t) => [uniqueIndex("actions_idempotency_key").on(t.idempotencyKey), index("actions_agent_run").on(t.agentRunId)],
);

// One row per failed job triaged; feeds flaky detection and "seen on other PRs".
export const failures = sqliteTable(
  "failures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    agentRunId: integer("agent_run_id").notNull(),
    repositoryId: integer("repository_id").notNull(),
    pullRequestId: integer("pull_request_id"),
    jobId: integer("job_id"),
    headSha: text("head_sha").notNull(),
    fingerprint: text("fingerprint").notNull(),
    category: text("category").notNull(),
    summary: text("summary"),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [index("failures_fingerprint").on(t.fingerprint), uniqueIndex("failures_run_job").on(t.agentRunId, t.jobId)],
);

// Keyed GitHub installation tokens, cached until shortly before expiry.
export const tokenCache = sqliteTable("token_cache", {
  key: text("key").primaryKey(),
  token: text("token").notNull(),
  expiresAt: text("expires_at").notNull(),
});

// Bearer tokens for non-dashboard API clients (stored as SHA-256 hashes only).
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: text("created_at").notNull().default(now),
    lastUsedAt: text("last_used_at"),
    revokedAt: text("revoked_at"),
  },
  (t) => [uniqueIndex("api_tokens_hash").on(t.tokenHash)],
);

// Which tests failed on pull requests that touched which paths: test selection's failure history.
export const testFailuresByPath = sqliteTable(
  "test_failures_by_path",
  {
    repositoryId: integer("repository_id").notNull(),
    path: text("path").notNull(),
    test: text("test").notNull(),
    pullRequestId: integer("pull_request_id").notNull(),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.repositoryId, t.path, t.test, t.pullRequestId] })],
);
