// When the monthly report for management goes out, and which period a report question means.
// Pure: the first working day of a month (weekends and Danish holidays do not count), whether the
// post is due at `now`, and "/nps rapport [måned|kvartal|periode]" → the period.
import { isWorkingDay, type WorkingTimeOptions } from "./cases.ts";
import { parsePeriod, type Period } from "./periods.ts";
import { civilFromDays, daysFromCivil, zonedParts, zonedToUtc } from "./timezone.ts";
import type { Texts } from "./language.ts";

export interface ReportTime {
  hour: number;
  minute: number;
}

/** "09:00" → { hour: 9, minute: 0 }; null when it is not a time of day. */
export function parseReportTime(text: string): ReportTime | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [hour, minute] = [Number(m[1]), Number(m[2])];
  return hour <= 23 && minute <= 59 ? { hour, minute } : null;
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** The first working day of a month, as a day number (1 Jan 2027 is a Friday holiday → Monday 4 Jan). */
export function firstWorkingDay(year: number, month: number, opts: WorkingTimeOptions = {}): number {
  let day = daysFromCivil(year, month, 1);
  while (!isWorkingDay(day, opts)) day++;
  return day;
}

export interface DueReport {
  /** the month reported on: "2026-11" (the job's and the outbox key's period) */
  monthKey: string;
  /** the month before the local day of `now` */
  period: Period;
}

/**
 * The report due at `now`: on the first working day of a month, from REPORT_TIME on, for the month
 * before. Later that same day it is still due (a replica down at 09:00 catches up); the next day
 * it is not (a report is not posted a day late into a new week's conversation).
 */
export function dueReport(now: Date, time: ReportTime, timeZone: string, opts: WorkingTimeOptions = {}): DueReport | null {
  const p = zonedParts(now, timeZone);
  const today = daysFromCivil(p.year, p.month, p.day);
  if (today !== firstWorkingDay(p.year, p.month, opts)) return null;
  const at = zonedToUtc({ ...civilFromDays(today), hour: time.hour, minute: time.minute }, timeZone);
  if (now.getTime() < at.getTime()) return null;
  const period = lastCompleteMonth(now, timeZone);
  return { monthKey: monthKeyOf(period, timeZone), period };
}

/** "2026-11" for a month period (its first local day). */
export function monthKeyOf(period: Pick<Period, "from">, timeZone: string): string {
  const p = zonedParts(period.from, timeZone);
  return `${p.year}-${pad2(p.month)}`;
}

/** The month before the one `now` is in. */
export function lastCompleteMonth(now: Date, timeZone: string): Period {
  const parsed = parsePeriod("last month", now, timeZone);
  if (!parsed.ok) throw new Error("'last month' always parses");
  return parsed.period;
}

/** The quarter before the one `now` is in. */
export function lastCompleteQuarter(now: Date, timeZone: string): Period {
  const parsed = parsePeriod("last quarter", now, timeZone);
  if (!parsed.ok) throw new Error("'last quarter' always parses");
  return parsed.period;
}

const MONTH_WORDS = new Set(["måned", "maaned", "month", "månedsrapport"]);
const QUARTER_WORDS = new Set(["kvartal", "quarter", "kvartalsrapport"]);

export type ReportPeriodResult = { ok: true; period: Period } | { ok: false; error: Texts };

/**
 * The words after "/nps rapport": nothing or "måned"/"month" → the last complete month;
 * "kvartal"/"quarter" → the last complete quarter; else any period ("november", "sidste kvartal",
 * "2026-10", "Q3 2026"). A period still running is refused: the report is about finished periods,
 * compared with the one before.
 */
export function reportPeriod(words: string[], now: Date, timeZone: string): ReportPeriodResult {
  const text = words.join(" ").trim().toLowerCase();
  if (text === "" || MONTH_WORDS.has(text)) return { ok: true, period: lastCompleteMonth(now, timeZone) };
  if (QUARTER_WORDS.has(text)) return { ok: true, period: lastCompleteQuarter(now, timeZone) };
  const parsed = parsePeriod(text, now, timeZone);
  if (!parsed.ok) return parsed;
  if (parsed.period.kind !== "month" && parsed.period.kind !== "quarter") {
    return { ok: false, error: { da: `Rapporten gælder en måned eller et kvartal, fx /nps rapport november eller /nps rapport sidste kvartal.`, en: `The report covers a month or a quarter, e.g. /nps report November or /nps report last quarter.` } };
  }
  if (parsed.period.to.getTime() > now.getTime()) {
    const label = parsed.period.label;
    return { ok: false, error: { da: `${label.da} er ikke slut endnu. Prøv /nps rapport (sidste måned) eller /nps rapport kvartal.`, en: `${label.en} has not ended yet. Try /nps report (last month) or /nps report quarter.` } };
  }
  return { ok: true, period: parsed.period };
}
