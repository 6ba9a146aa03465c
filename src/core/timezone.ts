/**
 * Time-zone arithmetic on top of Intl.DateTimeFormat only (no tz libraries).
 *
 * "Wall" times are local calendar fields; instants are Dates. Local midnights
 * are found via zonedToUtc, so days of 23 or 25 hours (DST) come out right.
 */

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday */
  weekday: number;
}

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
}

const MS_PER_DAY = 86_400_000;

// Building a DateTimeFormat costs far more than using one, so keep one per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== "string" || timeZone.trim() === "") return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm; no Date.UTC year-0..99 quirk). */
export function daysFromCivil(year: number, month: number, day: number): number {
  // Normalise month overflow (month 13 → January next year) so callers can do month arithmetic.
  const y0 = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5);
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  // day is added linearly, so day overflow (32, 0, -5) also normalises.
  return era * 146097 + doe - 719468 + (day - 1);
}

/** Inverse of daysFromCivil. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** ISO weekday (1 = Monday) of a day number; 1970-01-01 was a Thursday. */
export function isoWeekdayOfDays(days: number): number {
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

function wallMs(w: WallTime): number {
  return (
    daysFromCivil(w.year, w.month, w.day) * MS_PER_DAY +
    (w.hour ?? 0) * 3_600_000 +
    (w.minute ?? 0) * 60_000 +
    (w.second ?? 0) * 1000
  );
}

export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  const t = instant.getTime();
  if (Number.isNaN(t)) throw new RangeError("Invalid Date");
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  const year = fields.year ?? NaN;
  const month = fields.month ?? NaN;
  const day = fields.day ?? NaN;
  // Some ICU builds have printed midnight as "24"; treat it as 0 of the same date.
  const hour = (fields.hour ?? NaN) % 24;
  return {
    year,
    month,
    day,
    hour,
    minute: fields.minute ?? NaN,
    second: fields.second ?? NaN,
    weekday: isoWeekdayOfDays(daysFromCivil(year, month, day)),
  };
}

/** Offset of the zone from UTC at an instant, in ms (positive east of Greenwich). */
export function timeZoneOffsetMs(instant: Date, timeZone: string): number {
  const t = instant.getTime();
  const wholeSecond = t - (((t % 1000) + 1000) % 1000); // Intl shows no milliseconds
  return wallMs(zonedParts(instant, timeZone)) - wholeSecond;
}

/**
 * The instant at which the wall clock in timeZone shows the given fields.
 * Out-of-range fields overflow like Date.UTC (day 32 → next month).
 * Spring gap (time does not exist): moved forward by the gap, 02:30 → 03:30.
 * Autumn overlap (time occurs twice): the first occurrence.
 */
export function zonedToUtc(parts: WallTime, timeZone: string): Date {
  const local = wallMs(parts);
  // Offsets around the wall time; a day either side covers any single transition.
  const probes = [local - MS_PER_DAY, local, local + MS_PER_DAY];
  const offsets = [...new Set(probes.map((p) => timeZoneOffsetMs(new Date(p), timeZone)))];
  const valid: number[] = [];
  for (const offset of offsets) {
    const candidate = local - offset;
    if (timeZoneOffsetMs(new Date(candidate), timeZone) === offset) valid.push(candidate);
  }
  if (valid.length > 0) return new Date(Math.min(...valid));
  // In a gap no candidate round-trips; applying the smaller (pre-jump) offset
  // yields the later instant, i.e. the wall time pushed forward by the gap.
  return new Date(local - Math.min(...offsets));
}

/** The local midnight (or first existing moment) of the day containing instant. */
export function startOfZonedDay(instant: Date, timeZone: string): Date {
  const p = zonedParts(instant, timeZone);
  return zonedToUtc({ year: p.year, month: p.month, day: p.day }, timeZone);
}

/** Start of the calendar day n days after the one containing instant (n may be negative). */
export function addZonedDays(instant: Date, n: number, timeZone: string): Date {
  const p = zonedParts(instant, timeZone);
  return zonedToUtc({ year: p.year, month: p.month, day: p.day + n }, timeZone);
}
