/**
 * Time-zone arithmetic on top of Intl.DateTimeFormat only (no tz libraries).
 *
 * "Wall" times are local calendar fields; instants are Dates. Local midnights
 * are found via zonedToUtc, so days of 23 or 25 hours (DST) come out right.
 * The one time-zone module: periods, schedules and the CSV import's answer dates all use it.
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
  millisecond?: number;
}

const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_MINUTE = 60_000;

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
    (w.second ?? 0) * 1000 +
    (w.millisecond ?? 0)
  );
}

/** The fields Intl shows for an instant: the reference the cached path below must agree with. */
function intlParts(t: number, timeZone: string): ZonedParts {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(t))) {
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

/** Offset at an instant as Intl shows it: wall clock minus the instant, both in whole seconds. */
function intlOffsetMs(t: number, timeZone: string): number {
  const wholeSecond = t - (((t % 1000) + 1000) % 1000); // Intl shows no milliseconds
  return wallMs(intlParts(t, timeZone)) - wholeSecond;
}

// ---- offset cache ----------------------------------------------------------------
//
// formatToParts costs microseconds and a period needs dozens of them, so offsets are cached per
// zone and 15-minute slot of UTC time (the offset at the slot's start). Most transitions fall on
// a 15-minute boundary of UTC (zones with :30 and :45 offsets switch at local whole hours), but
// not all: local mean time had offsets in seconds, Monrovia switched at 00:44:30Z in 1972, St
// John's, Goose Bay and Moncton at 00:01 local until the 2000s, Casey at 16:01Z as late as 2022.
// So a slot is only trusted when its start and the next slot's start show the same offset;
// otherwise a transition lies inside it and Intl answers for the exact instant. (This assumes no
// zone changes its offset and back within 15 minutes; checked against Intl at every transition
// of every zone from 1900 to 2100.) Fields are then plain arithmetic on wall = instant + offset,
// which is exactly what Intl prints: offsets are whole seconds and Intl truncates to the second.

const SLOT_MS = 15 * MS_PER_MINUTE;
/** The cached path covers 1800–9000 (Intl prints years ≤ 0 in another era; nobody asks there). */
const FAST_FROM = Date.UTC(1800, 0, 1);
const FAST_TO = Date.UTC(9000, 0, 1);
/** Per zone; a full cache is simply dropped (one slot ≈ 50 bytes). */
const MAX_SLOTS_PER_ZONE = 50_000;

const slotOffsets = new Map<string, Map<number, number>>();

function offsetsOf(timeZone: string): Map<number, number> {
  let m = slotOffsets.get(timeZone);
  if (!m) {
    formatterFor(timeZone); // throws RangeError for an unknown zone, before anything is cached
    m = new Map();
    slotOffsets.set(timeZone, m);
  }
  return m;
}

function slotOffset(offsets: Map<number, number>, slot: number, timeZone: string): number {
  let o = offsets.get(slot);
  if (o === undefined) {
    if (offsets.size >= MAX_SLOTS_PER_ZONE) offsets.clear();
    o = intlOffsetMs(slot * SLOT_MS, timeZone);
    offsets.set(slot, o);
  }
  return o;
}

/** Offset in ms at instant t (a finite number of ms). */
function offsetAt(t: number, timeZone: string): number {
  const offsets = offsetsOf(timeZone);
  if (t < FAST_FROM || t >= FAST_TO) return intlOffsetMs(t, timeZone);
  const slot = Math.floor(t / SLOT_MS);
  const o = slotOffset(offsets, slot, timeZone);
  return o === slotOffset(offsets, slot + 1, timeZone) ? o : intlOffsetMs(t, timeZone);
}

function checkedTime(instant: Date): number {
  const t = instant.getTime();
  if (Number.isNaN(t)) throw new RangeError("Invalid Date");
  return t;
}

function checkedMs(t: number): number {
  // what `new Date(t)` accepts, as the Intl path did
  if (!(Math.abs(t) <= 8.64e15)) throw new RangeError("Invalid Date");
  return t;
}

export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  const t = checkedTime(instant);
  if (t < FAST_FROM || t >= FAST_TO) return intlParts(t, timeZone);
  const wall = t + offsetAt(t, timeZone);
  const days = Math.floor(wall / MS_PER_DAY);
  const ms = wall - days * MS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(ms / MS_PER_HOUR),
    minute: Math.floor(ms / MS_PER_MINUTE) % 60,
    second: Math.floor(ms / 1000) % 60,
    weekday: isoWeekdayOfDays(days),
  };
}

/** Offset of the zone from UTC at an instant, in ms (positive east of Greenwich). */
export function timeZoneOffsetMs(instant: Date, timeZone: string): number {
  return offsetAt(checkedTime(instant), timeZone);
}

/**
 * The instant at which the wall clock in timeZone shows the given fields.
 * Out-of-range fields overflow like Date.UTC (day 32 → next month).
 * Spring gap (time does not exist): moved forward by the gap, 02:30 → 03:30.
 * Autumn overlap (time occurs twice): the first occurrence.
 */
export function zonedToUtc(parts: WallTime, timeZone: string): Date {
  return new Date(wallToUtcMs(wallMs(parts), timeZone));
}

/** zonedToUtc of the local midnight starting day number `days` (days since 1970-01-01). */
export function zonedMidnight(days: number, timeZone: string): Date {
  return new Date(wallToUtcMs(days * MS_PER_DAY, timeZone));
}

function wallToUtcMs(local: number, timeZone: string): number {
  // Periods ask for the same local midnights over and over: remember the answers (per zone).
  let known = wallInstants.get(timeZone);
  const hit = known?.get(local);
  if (hit !== undefined) return hit;
  const instant = wallToInstant(local, timeZone);
  if (!known) wallInstants.set(timeZone, (known = new Map()));
  if (known.size >= MAX_WALL_INSTANTS_PER_ZONE) known.clear();
  known.set(local, instant);
  return instant;
}

const wallInstants = new Map<string, Map<number, number>>();
const MAX_WALL_INSTANTS_PER_ZONE = 10_000;

function wallToInstant(local: number, timeZone: string): number {
  // Offsets around the wall time; a day either side covers any single transition.
  const o1 = offsetAt(checkedMs(local - MS_PER_DAY), timeZone);
  const o2 = offsetAt(checkedMs(local), timeZone);
  const o3 = offsetAt(checkedMs(local + MS_PER_DAY), timeZone);
  let first = Infinity;
  let smallest = Infinity;
  for (const offset of [o1, o2, o3]) {
    smallest = Math.min(smallest, offset);
    const candidate = checkedMs(local - offset);
    if (candidate < first && offsetAt(candidate, timeZone) === offset) first = candidate;
  }
  if (first !== Infinity) return first;
  // In a gap no candidate round-trips; applying the smaller (pre-jump) offset
  // yields the later instant, i.e. the wall time pushed forward by the gap.
  return local - smallest;
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
