import { parseDuration } from "../config/duration";
import type { FreezeWindow } from "../config/repo-config";
import { cronMatches, parseCron } from "./cron";
import { zonedParts } from "./zoned-time";

export type FreezeState = { frozen: false } | { frozen: true; since: Date; until: Date; description: string };

const MINUTE = 60_000;

/**
 * Whether `now` falls in a freeze: a one-off date range, or a cron start (wall clock in its time zone)
 * plus a duration. Instants are walked minute by minute in UTC, so DST gaps and repeats are handled.
 */
export function freezeState(window: FreezeWindow, now: Date): FreezeState {
  if ("from" in window) {
    const from = new Date(window.from);
    const to = new Date(window.to);
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw new Error(`fixforward: invalid freeze dates ${window.from} – ${window.to}`);
    return now >= from && now < to ? { frozen: true, since: from, until: to, description: window.reason ?? `freeze ${window.from} – ${window.to}` } : { frozen: false };
  }
  const cron = parseCron(window.cron);
  const durationMs = parseDuration(window.duration) * 1000;
  const start = Math.floor(now.getTime() / MINUTE) * MINUTE;
  for (let t = start; t > now.getTime() - durationMs - MINUTE; t -= MINUTE) {
    if (cronMatches(cron, zonedParts(new Date(t), window.timezone))) {
      const until = new Date(t + durationMs);
      if (now.getTime() < until.getTime()) return { frozen: true, since: new Date(t), until, description: window.reason ?? `freeze "${window.cron}" (${window.timezone}) for ${window.duration}` };
      break;
    }
  }
  return { frozen: false };
}
