import type { z } from "zod";
import { PermanentError } from "../../errors";

/** Payload validation: a malformed event will never get better by retrying, so it fails permanently. */
export function parseOrFail<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new PermanentError(`invalid ${what}: ${issue?.path.join(".") || "(root)"} ${issue?.message ?? ""}`.trim());
  }
  return result.data;
}
