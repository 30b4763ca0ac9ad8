import type { ZonedParts } from "./zoned-time";

type Field = Set<number>;
export type Cron = { minute: Field; hour: Field; day: Field; month: Field; weekday: Field; dayRestricted: boolean; weekdayRestricted: boolean };

function parseField(text: string, min: number, max: number, name: string): Field {
  const out = new Set<number>();
  for (const part of text.split(",")) {
    const m = /^(\*|\d+(?:-\d+)?)(?:\/(\d+))?$/.exec(part);
    if (!m) throw new Error(`fixforward: invalid cron ${name} field "${text}"`);
    const [from, to] = m[1] === "*" ? [min, max] : m[1]!.split("-").map(Number).concat(m[1]!.includes("-") ? [] : [Number(m[1])]).slice(0, 2) as [number, number];
    const step = m[2] ? Number(m[2]) : 1;
    if (from < min || to > max || from > to || step < 1) throw new Error(`fixforward: cron ${name} field "${text}" is out of range ${min}-${max}`);
    for (let v = from; v <= to; v += step) out.add(name === "weekday" && v === 7 ? 0 : v);
  }
  return out;
}

/** Standard 5-field cron: minute hour day-of-month month day-of-week (0 or 7 = Sunday). */
export function parseCron(expression: string): Cron {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`fixforward: cron "${expression}" must have 5 fields`);
  return {
    minute: parseField(fields[0]!, 0, 59, "minute"),
    hour: parseField(fields[1]!, 0, 23, "hour"),
    day: parseField(fields[2]!, 1, 31, "day"),
    month: parseField(fields[3]!, 1, 12, "month"),
    weekday: parseField(fields[4]!, 0, 7, "weekday"),
    dayRestricted: fields[2] !== "*",
    weekdayRestricted: fields[4] !== "*",
  };
}

export function cronMatches(cron: Cron, t: ZonedParts): boolean {
  if (!cron.minute.has(t.minute) || !cron.hour.has(t.hour) || !cron.month.has(t.month)) return false;
  // Vixie cron: when both day fields are restricted, either may match.
  const day = cron.day.has(t.day);
  const weekday = cron.weekday.has(t.weekday);
  if (cron.dayRestricted && cron.weekdayRestricted) return day || weekday;
  return day && weekday;
}
