import { z } from "zod";

// Only the fields fixforward stores; everything else in a payload is kept raw in D1 and ignored here.
const id = z.number().int();
const sha = z.string().min(7).max(64);
const time = z.string().nullish();

export const repositorySchema = z.looseObject({
  id,
  name: z.string(),
  full_name: z.string(),
  owner: z.looseObject({ login: z.string() }),
  private: z.boolean().optional(),
  default_branch: z.string().optional(),
  html_url: z.string().optional(),
  pushed_at: z.union([z.string(), z.number()]).nullish(),
});

export const installationRefSchema = z.looseObject({ id }).nullish();

const prRef = z.looseObject({ sha, ref: z.string() });
export const pullRequestSchema = z.looseObject({
  id,
  number: z.number().int().positive(),
  title: z.string(),
  user: z.looseObject({ login: z.string() }).nullish(),
  head: prRef,
  base: prRef,
  state: z.enum(["open", "closed"]),
  draft: z.boolean().optional(),
  merged: z.boolean().nullish(),
  merged_at: time,
  html_url: z.string().optional(),
  additions: z.number().int().optional(),
  deletions: z.number().int().optional(),
  changed_files: z.number().int().optional(),
  created_at: time,
  updated_at: z.string(),
});

/** The short PR references inside check suites, workflow runs and protection rules. */
export const prReferenceSchema = z.looseObject({
  number: z.number().int().positive(),
  head: prRef,
  base: prRef,
});

export const checkSuiteSchema = z.looseObject({
  id,
  head_sha: sha,
  head_branch: z.string().nullish(),
  status: z.string().nullish(),
  conclusion: z.string().nullish(),
  app: z.looseObject({ slug: z.string().optional() }).nullish(),
  pull_requests: z.array(prReferenceSchema).default([]),
  created_at: time,
  updated_at: time,
});

export const checkRunSchema = z.looseObject({
  id,
  name: z.string(),
  head_sha: sha,
  status: z.string().nullish(),
  conclusion: z.string().nullish(),
  html_url: z.string().nullish(),
  details_url: z.string().nullish(),
  started_at: time,
  completed_at: time,
  check_suite: z.looseObject({ id }).nullish(),
});

export const workflowRunSchema = z.looseObject({
  id,
  name: z.string().nullish(),
  event: z.string().nullish(),
  head_sha: sha,
  head_branch: z.string().nullish(),
  status: z.string().nullish(),
  conclusion: z.string().nullish(),
  run_number: z.number().int().nullish(),
  run_attempt: z.number().int().nullish(),
  html_url: z.string().nullish(),
  pull_requests: z.array(prReferenceSchema).default([]),
  run_started_at: time,
  created_at: time,
  updated_at: time,
});

export const workflowJobSchema = z.looseObject({
  id,
  run_id: id,
  name: z.string(),
  head_sha: sha,
  status: z.string().nullish(),
  conclusion: z.string().nullish(),
  run_attempt: z.number().int().nullish(),
  html_url: z.string().nullish(),
  started_at: time,
  completed_at: time,
  steps: z.array(z.looseObject({ name: z.string(), number: z.number().int().nullish(), conclusion: z.string().nullish() })).nullish(),
});

export const installationSchema = z.looseObject({
  id,
  account: z.looseObject({ login: z.string().optional(), slug: z.string().optional(), type: z.string().optional() }).nullish(),
  target_type: z.string().nullish(),
  repository_selection: z.string().nullish(),
  created_at: z.union([z.string(), z.number()]).nullish(),
});

export const deploymentSchema = z.looseObject({
  id,
  sha,
  ref: z.string().nullish(),
  environment: z.string(),
  creator: z.looseObject({ login: z.string() }).nullish(),
  created_at: time,
});

export const deploymentStatusSchema = z.looseObject({
  id,
  state: z.string(),
  environment: z.string().nullish(),
  target_url: z.string().nullish(),
  created_at: time,
});
