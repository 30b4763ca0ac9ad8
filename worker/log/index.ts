// Structured JSON logs: one object per line, with the ids that tie a request to its delivery and run.
// Values are never secrets: callers pass ids and reasons, and `redact` removes anything that looks like one.

export type LogFields = { requestId?: string; deliveryId?: string; runId?: number; prId?: number; [key: string]: unknown };
type Level = "debug" | "info" | "warn" | "error";

const SECRET_KEYS = /secret|token|password|private|authorization|signature|api[-_]?key/i;

export function redact(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) out[key] = SECRET_KEYS.test(key) ? "[redacted]" : value;
  return out;
}

export function log(level: Level, msg: string, fields: LogFields = {}): void {
  const line = JSON.stringify({ level, msg: `fixforward: ${msg}`, time: new Date().toISOString(), ...redact(fields) });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}
