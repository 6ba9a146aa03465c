// When a survey answer can have been given: not before 2000 (older dates are typos or "0000"
// placeholders; PostgreSQL's timestamp cannot hold year 0 either) and not more than a day ahead
// (clock skew and time zones allow a little; tomorrow's answer does not exist yet).
import type { Texts } from "./language.ts";

export const EARLIEST_ANSWER = new Date("2000-01-01T00:00:00Z");
export const FUTURE_ALLOWANCE_MS = 86_400_000;

export const NOT_A_DATE = { da: "er ikke en dato", en: "is not a date" } as const;

/** Why an answer time is impossible (in both languages), or null when it is fine. */
export function answerTimeProblem(at: Date, now: Date): Texts | null {
  if (Number.isNaN(at.getTime())) return NOT_A_DATE;
  if (at < EARLIEST_ANSWER) return { da: "er før år 2000", en: "is before the year 2000" };
  if (at.getTime() > now.getTime() + FUTURE_ALLOWANCE_MS) return { da: "er mere end en dag ude i fremtiden", en: "is more than a day in the future" };
  return null;
}
