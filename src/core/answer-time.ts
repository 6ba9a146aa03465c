// When a survey answer can have been given: not before 2000 (older dates are typos or "0000"
// placeholders; PostgreSQL's timestamp cannot hold year 0 either) and not more than a day ahead
// (clock skew and time zones allow a little; tomorrow's answer does not exist yet).
export const EARLIEST_ANSWER = new Date("2000-01-01T00:00:00Z");
export const FUTURE_ALLOWANCE_MS = 86_400_000;

/** Why an answer time is impossible, or null when it is fine. */
export function answerTimeProblem(at: Date, now: Date): string | null {
  if (Number.isNaN(at.getTime())) return "is not a date";
  if (at < EARLIEST_ANSWER) return "is before the year 2000";
  if (at.getTime() > now.getTime() + FUTURE_ALLOWANCE_MS) return "is more than a day in the future";
  return null;
}
