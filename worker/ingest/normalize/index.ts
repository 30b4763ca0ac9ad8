import { PermanentError } from "../../errors";
import { normalizeCheckRun, normalizeCheckSuite } from "./normalize-checks";
import { normalizeDeployment, normalizeDeploymentStatus, normalizeProtectionRule } from "./normalize-deployment";
import { normalizePullRequest } from "./normalize-pull-request";
import { normalizeInstallation, normalizePush } from "./normalize-repository-events";
import { normalizeWorkflowJob, normalizeWorkflowRun } from "./normalize-workflow";
import type { NormalizeContext, Normalized, Normalizer } from "./types";

export type { Normalized, RunTrigger } from "./types";

const normalizers: Record<string, Normalizer> = {
  pull_request: normalizePullRequest,
  check_suite: normalizeCheckSuite,
  check_run: normalizeCheckRun,
  workflow_run: normalizeWorkflowRun,
  workflow_job: normalizeWorkflowJob,
  push: normalizePush,
  installation: normalizeInstallation,
  installation_repositories: normalizeInstallation,
  deployment: normalizeDeployment,
  deployment_status: normalizeDeploymentStatus,
  deployment_protection_rule: normalizeProtectionRule,
};

/** Turns one webhook payload into D1 writes (one atomic batch) and the runs it should trigger. */
export function normalizeEvent(ctx: NormalizeContext, payload: Record<string, unknown>): Normalized {
  const normalizer = normalizers[ctx.event];
  if (!normalizer) throw new PermanentError(`no normaliser for event "${ctx.event}"`);
  return normalizer(ctx, payload);
}

/** Events the consumer normalises into D1; anything else is recorded and ignored (202). */
export const handledEvents: ReadonlySet<string> = new Set(Object.keys(normalizers));
