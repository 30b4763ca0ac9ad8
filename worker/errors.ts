import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** Every API error has this shape, so clients can branch on `code`. */
export type ApiErrorBody = { error: { code: string; message: string; details?: unknown } };

export function apiError(c: Context, status: ContentfulStatusCode, code: string, message: string, details?: unknown) {
  const body: ApiErrorBody = { error: { code, message: `fixforward: ${message}`, ...(details === undefined ? {} : { details }) } };
  return c.json(body, status);
}

/** A failure that retrying cannot fix (malformed payload): the consumer marks it failed, not retried. */
export class PermanentError extends Error {
  constructor(message: string) {
    super(`fixforward: ${message}`);
    this.name = "PermanentError";
  }
}
