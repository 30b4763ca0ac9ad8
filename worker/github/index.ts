export { createGithubClient, resolveGithubCredentials, type GithubClient, type GithubCredentials } from "./create-github-client";
export { listFailedJobs, listPullFiles, listTree, readFileAt, streamJobLog, type JobLog, type Repo } from "./read-repository";
export { executeActions, MEMO_MARKER, requestsOf, targetOf, type ActionOutcome, type Annotation, type GithubAction } from "./execute-actions";
