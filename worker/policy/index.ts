export { cronMatches, parseCron } from "./cron";
export { evaluatePolicy, type PolicyDecision, type PolicyInput, type PolicyReason, type PolicyVerdict } from "./evaluate-policy";
export { freezeState, type FreezeState } from "./freeze-window";
export { isValidTimeZone, zonedParts } from "./zoned-time";
