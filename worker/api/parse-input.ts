import type { Context } from "hono";
import type { z } from "zod";
import { apiError } from "../errors";

export type Parsed<T> = { ok: true; data: T } | { ok: false; response: Response };

/** zod at the boundary: a 400 with every issue listed, in the API's error shape. */
export function parseInput<T extends z.ZodType>(c: Context, schema: T, value: unknown, what: string): Parsed<z.infer<T>> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  const issues = result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  return { ok: false, response: apiError(c, 400, "invalid_request", `invalid ${what}: ${issues.map((i) => `${i.path || "(root)"} ${i.message}`).join("; ")}`, issues) };
}

export async function readJsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    return Symbol.for("invalid-json");
  }
}
