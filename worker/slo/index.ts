export { burnWindows, errorBudget, type BurnWindow } from "./burn-windows";
export { evaluateSlos, type EvaluateOptions, type SloEvaluation, type SloResult, type SloVerdict, type WindowResult } from "./evaluate-slos";
export { createPrometheusClient, parseSampleValue, type PrometheusClient, type PrometheusOptions, type QueryResult, type Sample } from "./prometheus-client";
