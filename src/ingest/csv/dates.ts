// Answer dates as survey tools and (Danish) Excel write them. Anything we cannot read with
// certainty is null: a wrong date silently moves an answer into another week's NPS.
import { zonedToUtc, type WallTime } from '../../core/timezone.ts';

/** A date and time as written in the file, every field read. */
type LocalDateTime = Required<WallTime>;

// 2026-03-29, 2026-03-29T01:30, 2026-03-29 01:30:15.250+02:00, 2026-03-29T00:30Z
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

// 29-03-2026, 29.03.2026 01:30, 29/3/2026 1.30, 29.03.2026 kl. 01:30:15 — always day first.
const DMY =
  /^(\d{1,2})([-./])(\d{1,2})\2(\d{4})(?:,?\s+(?:kl\.?\s*)?(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?$/i;

// Outside this range a "date" is far more likely a typo (0026, 20026) than a real answer.
const MIN_YEAR = 1900;
const MAX_YEAR = 2999;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isValidLocal(t: LocalDateTime): boolean {
  return (
    t.year >= MIN_YEAR &&
    t.year <= MAX_YEAR &&
    t.month >= 1 &&
    t.month <= 12 &&
    t.day >= 1 &&
    t.day <= daysInMonth(t.year, t.month) &&
    t.hour <= 23 &&
    t.minute <= 59 &&
    t.second <= 59
  );
}

/** "+02:00" / "-0530" / "+02" / "Z" → minutes east of UTC; null when out of range. */
function parseOffsetMinutes(text: string): number | null {
  if (text === 'Z' || text === 'z') return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 14 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}

const num = (s: string | undefined): number => (s === undefined ? 0 : Number(s));

/**
 * Parse an answer timestamp. Times without an offset (and bare dates, read as local
 * midnight) are wall-clock times in `timeZone`. Returns null for anything unparseable
 * or impossible (31-02-2026, 25:00, year 0026).
 */
export function parseAnswerDate(text: string, timeZone: string): Date | null {
  const s = text.trim();
  if (s === '') return null;

  const iso = ISO.exec(s);
  if (iso) {
    const local: LocalDateTime = {
      year: num(iso[1]),
      month: num(iso[2]),
      day: num(iso[3]),
      hour: num(iso[4]),
      minute: num(iso[5]),
      second: num(iso[6]),
      millisecond: iso[7] ? Number(iso[7].slice(0, 3).padEnd(3, '0')) : 0,
    };
    if (!isValidLocal(local)) return null;
    const offsetText = iso[8];
    if (offsetText === undefined) return zonedToUtc(local, timeZone);
    const offset = parseOffsetMinutes(offsetText);
    if (offset === null) return null;
    const wall = Date.UTC(
      local.year,
      local.month - 1,
      local.day,
      local.hour,
      local.minute,
      local.second,
      local.millisecond,
    );
    return new Date(wall - offset * 60_000);
  }

  const dmy = DMY.exec(s);
  if (dmy) {
    const local: LocalDateTime = {
      year: num(dmy[4]),
      month: num(dmy[3]),
      day: num(dmy[1]),
      hour: num(dmy[5]),
      minute: num(dmy[6]),
      second: num(dmy[7]),
      millisecond: 0,
    };
    return isValidLocal(local) ? zonedToUtc(local, timeZone) : null;
  }

  return null;
}
