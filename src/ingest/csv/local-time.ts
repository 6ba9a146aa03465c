// Wall-clock time in an IANA zone → UTC instant, using only Intl (no tz database of our own).
// Kept separate from src/core/timezone.ts on purpose for now; the two will be merged later.

/** A wall-clock reading in some time zone. `month` is 1-based. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond?: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime's Intl knows this IANA zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

// Offsets are looked up a lot during a big import (≈3 per row); transitions fall on whole
// minutes, so caching per UTC minute is exact. Bounded so a long file cannot grow it forever.
const offsetCache = new Map<string, number>();
const OFFSET_CACHE_MAX = 10_000;

/** Offset of `timeZone` from UTC at the instant `utcMs`, in ms (Copenhagen summer: +7_200_000). */
export function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const minute = Math.floor(utcMs / 60_000);
  const key = `${timeZone}|${minute}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;

  const at = minute * 60_000;
  const parts = formatterFor(timeZone).formatToParts(new Date(at));
  const get = (type: Intl.DateTimeFormatPartTypes): number => {
    const p = parts.find((x) => x.type === type);
    return p ? Number(p.value) : 0;
  };
  // Some ICU builds print midnight as 24 even with h23; treat it as 0.
  const hour = get('hour') % 24;
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), hour, get('minute'), get('second'));
  const offset = wall - at;

  if (offsetCache.size >= OFFSET_CACHE_MAX) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

/**
 * The UTC instant at which clocks in `timeZone` show `local`.
 * Ambiguous and skipped wall times are resolved like Temporal's "compatible" mode:
 * in the autumn overlap the earlier instant wins, and a time inside the spring gap is
 * moved forward by the gap (02:30 on the Copenhagen spring-forward day becomes 03:30 CEST).
 */
export function localTimeToUtc(local: LocalDateTime, timeZone: string): Date {
  const wall = Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour,
    local.minute,
    local.second,
    local.millisecond ?? 0,
  );
  // The offsets in force a day either side cover every zone that changes offset at most
  // once within 48 hours, which is all of them in practice.
  const before = zoneOffsetMs(wall - DAY_MS, timeZone);
  const after = zoneOffsetMs(wall + DAY_MS, timeZone);

  const candidates: number[] = [];
  for (const offset of before === after ? [before] : [before, after]) {
    const utc = wall - offset;
    if (zoneOffsetMs(utc, timeZone) === offset) candidates.push(utc);
  }
  if (candidates.length > 0) return new Date(Math.min(...candidates));

  // In the gap: reading the wall time with the pre-transition offset lands after the jump.
  return new Date(wall - before);
}
