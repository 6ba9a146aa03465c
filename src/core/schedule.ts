/**
 * Daily jobs (digest, stories, reminders) keyed by the local day: a job runs
 * when today is a scheduled weekday and the scheduled local time has passed,
 * and the day key ("digest:support:…:2026-11-28") makes it run once. So a bot
 * that was down at 08:30 and starts at 10:00 still sends today's, and never
 * yesterday's.
 */
import { DEFAULT_TIME_ZONE } from "./periods.ts";
import type { Texts } from "./language.ts";
import { civilFromDays, daysFromCivil, isoWeekdayOfDays, zonedParts, zonedToUtc } from "./timezone.ts";

export interface DailyCron {
  minute: number;
  hour: number;
  /** ISO weekdays, 1 = Monday … 7 = Sunday, sorted, no duplicates */
  weekdays: number[];
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** "2026-11-28": the local calendar day of now in tz. */
export function localDayKey(now: Date, tz: string = DEFAULT_TIME_ZONE): string {
  const p = zonedParts(now, tz);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
}

function dayNumberOfKey(dayKey: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dayKey);
  if (m) {
    const days = daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
    const c = civilFromDays(days);
    if (c.month === Number(m[2]) && c.day === Number(m[3])) return days;
  }
  throw new RangeError(`not a day key (YYYY-MM-DD): ${JSON.stringify(dayKey)}`);
}

/**
 * When the job runs on that local day; null if the weekday is not scheduled.
 * A time skipped by spring-forward (02:30) runs at the first valid instant
 * (03:30); a time that occurs twice in autumn runs at its first occurrence.
 */
export function scheduledInstantOnDay(dayKey: string, cron: DailyCron, tz: string = DEFAULT_TIME_ZONE): Date | null {
  const days = dayNumberOfKey(dayKey);
  if (!cron.weekdays.includes(isoWeekdayOfDays(days))) return null;
  return zonedToUtc({ ...civilFromDays(days), hour: cron.hour, minute: cron.minute }, tz);
}

/** Due when dayKey is today's key, today is scheduled and its time has come. */
export function isDue(dayKey: string, cron: DailyCron, now: Date, tz: string = DEFAULT_TIME_ZONE): boolean {
  if (dayKey !== localDayKey(now, tz)) return false;
  const at = scheduledInstantOnDay(dayKey, cron, tz);
  return at !== null && now.getTime() >= at.getTime();
}

/** The first scheduled instant after now (for sleeping until then); null if no weekday is scheduled. */
export function nextScheduledInstant(cron: DailyCron, now: Date, tz: string = DEFAULT_TIME_ZONE): Date | null {
  const p = zonedParts(now, tz);
  const today = daysFromCivil(p.year, p.month, p.day);
  for (let d = 0; d <= 7; d++) {
    const c = civilFromDays(today + d);
    const at = scheduledInstantOnDay(`${c.year}-${pad2(c.month)}-${pad2(c.day)}`, cron, tz);
    if (at !== null && at.getTime() > now.getTime()) return at;
  }
  return null;
}

// ---- cron ---------------------------------------------------------------------------

export type CronParse = { ok: true; cron: DailyCron } | { ok: false; error: Texts };

const DAY_NAMES: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

const bad = (da: string, en: string): CronParse => ({
  ok: false,
  error: {
    da: `${da} Brug formen "M H * * D", fx "30 8 * * 1-5".`,
    en: `${en} Use the form "M H * * D", e.g. "30 8 * * 1-5".`,
  },
});

function weekdayNumber(text: string): number | null {
  const named = DAY_NAMES[text.toLowerCase()];
  if (named !== undefined) return named;
  return /^\d$/.test(text) && Number(text) <= 7 ? Number(text) : null;
}

/** Cron weekdays (0 or 7 = Sunday): "*", "3", "1-5", "1,3,5", "mon-fri", or a list of those. */
function parseWeekdays(field: string): number[] | null {
  if (field === "*") return [1, 2, 3, 4, 5, 6, 7];
  const out = new Set<number>();
  for (const part of field.split(",")) {
    const [a, b, ...rest] = part.split("-");
    if (a === undefined || rest.length > 0) return null;
    const from = weekdayNumber(a);
    const to = b === undefined ? from : weekdayNumber(b);
    if (from === null || to === null || to < from) return null; // no wrap-around ranges like "5-1"
    for (let d = from; d <= to; d++) out.add(d === 0 ? 7 : d);
  }
  return [...out].sort((x, y) => x - y);
}

/**
 * Only the daily forms "M H * * D" are supported: a fixed minute and hour, any
 * day of month and month, weekdays as *, a number, a range or a list.
 * Steps, lists of hours and day-of-month rules are refused, not approximated.
 */
export function parseDailyCronDetailed(expr: string): CronParse {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 5 || fields[0] === "") {
    return bad(`"${expr}" skal have 5 felter, ikke ${fields[0] === "" ? 0 : fields.length}.`, `"${expr}" must have 5 fields, not ${fields[0] === "" ? 0 : fields.length}.`);
  }
  const [m, h, dom, mon, dow] = fields as [string, string, string, string, string];
  if (!/^\d{1,2}$/.test(m) || Number(m) > 59) return bad(`Minuttet "${m}" skal være et tal 0–59.`, `The minute "${m}" must be a number 0–59.`);
  if (!/^\d{1,2}$/.test(h) || Number(h) > 23) return bad(`Timen "${h}" skal være et tal 0–23.`, `The hour "${h}" must be a number 0–23.`);
  if (dom !== "*" || mon !== "*") {
    return bad("Dag i måneden og måned skal være \"*\" (kun daglige planer).", "Day of month and month must be \"*\" (daily schedules only).");
  }
  const weekdays = parseWeekdays(dow);
  if (weekdays === null) return bad(`Ugedagene "${dow}" kan ikke læses (0–7, fx 1-5 eller 1,3,5).`, `The weekdays "${dow}" cannot be read (0–7, e.g. 1-5 or 1,3,5).`);
  return { ok: true, cron: { minute: Number(m), hour: Number(h), weekdays } };
}

export function parseDailyCron(expr: string): DailyCron | null {
  const r = parseDailyCronDetailed(expr);
  return r.ok ? r.cron : null;
}
