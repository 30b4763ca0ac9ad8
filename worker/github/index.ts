export { createGithubClient, resolveGithubCredentials, type GithubClient, type GithubCredentials } from "./create-github-client";
export { createAppJwt } from "./create-app-jwt";
export { privateKeyToPkcs8 } from "./private-key-to-pkcs8";
export { getInstallationToken, TOKEN_REFRESH_MARGIN_MS, type CachedToken, type TokenCache } from "./get-installation-token";
export { d1TokenCache } from "./d1-token-cache";
export { getCommit, listCheckRunsForRef, listFailedJobs, listPullCommits, listPullFiles, listTree, listWorkflowRunsForSha, readFileAt, streamJobLog, type JobLog, type Repo } from "./read-repository";
export { executeActions, MEMO_MARKER, requestsOf, targetOf, type ActionOutcome, type Annotation, type GithubAction } from "./execute-actions";
