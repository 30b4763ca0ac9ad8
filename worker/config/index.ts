export { formatDuration, parseDuration } from "./duration";
export { parseRepoConfig, repoConfigSchema, riskLevels, type ConfigResult, type FreezeWindow, type RepoConfig, type RiskLevel, type SloSpec } from "./repo-config";
