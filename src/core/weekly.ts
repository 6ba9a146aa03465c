/**
 * The weekly team view's window: always the latest complete ISO week (Monday 00:00 to the next
 * Monday 00:00, local time) before the week that holds `now`. Run on Monday it is the week that
 * just ended; run on any other day it is still that same week, so a schedule naming several
 * weekdays, a catch-up later in the week or a forced run all report the same week — and the
 * week's key makes it go out once.
 */
import { DA_SHORT, EN_SHORT } from "./periods.ts";
import { civilFromDays, daysFromCivil, isoWeekdayOfDays, zonedMidnight, zonedParts } from "./timezone.ts";
import type { Texts } from "./language.ts";

export interface WeekWindow {
  from: Date;
  /** exclusive: the Monday after, 00:00 local */
  to: Date;
  isoYear: number;
  week: number;
  /** "2026-W49": the job run and outbox keys use it */
  key: string;
  /** "uge 49 (30. nov.–6. dec.)" / "week 49 (30 Nov–6 Dec)" */
  label: Texts;
}

function isoWeekOfMonday(monday: number): { isoYear: number; week: number } {
  const thursday = monday + 3; // the ISO year is the year of the week's Thursday
  const isoYear = civilFromDays(thursday).year;
  return { isoYear, week: Math.floor((thursday - daysFromCivil(isoYear, 1, 1)) / 7) + 1 };
}

/** "30. nov.–6. dec." / "1.–7. dec."; "30 Nov–6 Dec" / "1–7 Dec". */
function dayRange(monday: number, lang: "da" | "en"): string {
  const a = civilFromDays(monday);
  const b = civilFromDays(monday + 6);
  if (lang === "da") {
    return a.month === b.month ? `${a.day}.–${b.day}. ${DA_SHORT[b.month - 1]}` : `${a.day}. ${DA_SHORT[a.month - 1]}–${b.day}. ${DA_SHORT[b.month - 1]}`;
  }
  return a.month === b.month ? `${a.day}–${b.day} ${EN_SHORT[b.month - 1]}` : `${a.day} ${EN_SHORT[a.month - 1]}–${b.day} ${EN_SHORT[b.month - 1]}`;
}

/** The ISO week starting on local day number `monday` (days since 1970-01-01). */
export function weekStartingOn(monday: number, timeZone: string): WeekWindow {
  const { isoYear, week } = isoWeekOfMonday(monday);
  return {
    from: zonedMidnight(monday, timeZone),
    to: zonedMidnight(monday + 7, timeZone),
    isoYear,
    week,
    key: `${isoYear}-W${String(week).padStart(2, "0")}`,
    label: { da: `uge ${week} (${dayRange(monday, "da")})`, en: `week ${week} (${dayRange(monday, "en")})` },
  };
}

/** The latest complete ISO week before `now` in the time zone (see the rule above). */
export function latestCompleteWeek(now: Date, timeZone: string): WeekWindow {
  const p = zonedParts(now, timeZone);
  const today = daysFromCivil(p.year, p.month, p.day);
  const thisMonday = today - (isoWeekdayOfDays(today) - 1);
  return weekStartingOn(thisMonday - 7, timeZone);
}
