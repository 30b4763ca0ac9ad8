import { z } from "zod";

export type PrometheusOptions = {
  url: string;
  bearerToken?: string;
  timeoutMs?: number;
  fetch?: typeof fetch; // injected: the Worker's fetch, Node's fetch, tests
};

export type Sample = { metric: Record<string, string>; value: number };
export type QueryResult =
  | { ok: true; samples: Sample[]; warnings: string[] }
  | { ok: false; error: string; kind: "unreachable" | "timeout" | "http" | "query" };

const responseSchema = z.object({
  status: z.enum(["success", "error"]),
  data: z.object({
    resultType: z.string(),
    result: z.array(z.object({ metric: z.record(z.string(), z.string()).default({}), value: z.tuple([z.number(), z.string()]).optional(), values: z.array(z.tuple([z.number(), z.string()])).optional() })).or(z.tuple([z.number(), z.string()])),
  }).optional(),
  errorType: z.string().optional(),
  error: z.string().optional(),
  warnings: z.array(z.string()).optional(),
});

/** Prometheus writes sample values as strings, including "NaN", "+Inf" and "-Inf". */
export function parseSampleValue(text: string): number {
  if (text === "NaN") return Number.NaN;
  if (text === "+Inf" || text === "Inf") return Number.POSITIVE_INFINITY;
  if (text === "-Inf") return Number.NEGATIVE_INFINITY;
  return Number(text);
}

/** A small fetch-based client for the HTTP API (instant queries, and range queries for charts). */
export function createPrometheusClient(options: PrometheusOptions) {
  const doFetch = options.fetch ?? fetch;
  const base = options.url.replace(/\/+$/, "");
  const call = async (path: string, params: Record<string, string>): Promise<QueryResult> => {
    const headers: Record<string, string> = { accept: "application/json", "content-type": "application/x-www-form-urlencoded" };
    if (options.bearerToken) headers.authorization = `Bearer ${options.bearerToken}`;
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method: "POST",
        headers,
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      const name = (error as Error).name;
      return name === "TimeoutError" || name === "AbortError"
        ? { ok: false, kind: "timeout", error: `fixforward: Prometheus at ${base} did not answer within ${options.timeoutMs ?? 10_000} ms` }
        : { ok: false, kind: "unreachable", error: `fixforward: Prometheus at ${base} is unreachable: ${(error as Error).message}` };
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, kind: "http", error: `fixforward: Prometheus answered ${response.status} with a non-JSON body: ${text.slice(0, 200)}` };
    }
    const parsed = responseSchema.safeParse(json);
    if (!parsed.success) return { ok: false, kind: "http", error: `fixforward: unexpected Prometheus response (${response.status})` };
    const body = parsed.data;
    if (body.status === "error" || !response.ok) {
      return { ok: false, kind: response.status >= 500 ? "http" : "query", error: `fixforward: Prometheus ${response.status} ${body.errorType ?? ""}: ${body.error ?? "error"}`.replace(/\s+:/, ":") };
    }
    const result = body.data?.result;
    const samples: Sample[] = Array.isArray(result) && (result.length === 0 || typeof result[0] === "object")
      ? (result as { metric: Record<string, string>; value?: [number, string]; values?: [number, string][] }[]).map((r) => ({
          metric: r.metric,
          value: parseSampleValue(r.value?.[1] ?? r.values?.at(-1)?.[1] ?? "NaN"),
        }))
      : Array.isArray(result) && typeof result[0] === "number" ? [{ metric: {}, value: parseSampleValue(result[1] as string) }] : [];
    return { ok: true, samples, warnings: body.warnings ?? [] };
  };
  return {
    query: (promql: string, time?: number) => call("/api/v1/query", { query: promql, ...(time === undefined ? {} : { time: String(time) }) }),
    queryRange: (promql: string, start: number, end: number, step: number) =>
      call("/api/v1/query_range", { query: promql, start: String(start), end: String(end), step: String(step) }),
  };
}
export type PrometheusClient = ReturnType<typeof createPrometheusClient>;
