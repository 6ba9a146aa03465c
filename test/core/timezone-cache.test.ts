// zonedParts / timeZoneOffsetMs / zonedToUtc cache offsets per zone and 15-minute slot; these
// tests hold the cached answers against Intl itself around real transitions, including zones with
// :30/:45 offsets, a 30-minute DST shift and transitions off the 15-minute grid.
import { describe, expect, it } from "vitest";
import { civilFromDays, daysFromCivil, timeZoneOffsetMs, zonedMidnight, zonedParts, zonedToUtc } from "../../src/core/timezone.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const formats = new Map<string, Intl.DateTimeFormat>();
/** What Intl shows, field by field: the reference. */
function intl(t: number, tz: string) {
  let f = formats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: tz, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    formats.set(tz, f);
  }
  const o: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(t))) if (p.type !== "literal") o[p.type] = Number(p.value);
  const fields = { year: o.year!, month: o.month!, day: o.day!, hour: o.hour! % 24, minute: o.minute!, second: o.second! };
  const offset = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second) - Math.floor(t / 1000) * 1000;
  return { fields, offset };
}

function agrees(t: number, tz: string): void {
  const want = intl(t, tz);
  const got = zonedParts(new Date(t), tz);
  const { weekday, ...fields } = got;
  expect({ at: new Date(t).toISOString(), tz, ...fields }).toEqual({ at: new Date(t).toISOString(), tz, ...want.fields });
  expect(weekday).toBe(((new Date(Date.UTC(fields.year, fields.month - 1, fields.day)).getUTCDay() + 6) % 7) + 1);
  expect(timeZoneOffsetMs(new Date(t), tz)).toBe(want.offset);
}

/** Every transition of tz in [from, to), to the second (hourly scan, then bisection on Intl). */
function transitions(tz: string, from: number, to: number): number[] {
  const out: number[] = [];
  let before = intl(from, tz).offset;
  for (let t = from + HOUR; t < to; t += HOUR) {
    const o = intl(t, tz).offset;
    if (o === before) continue;
    let lo = t - HOUR;
    let hi = t;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (intl(mid, tz).offset === before) lo = mid;
      else hi = mid;
    }
    out.push(hi);
    before = o;
  }
  return out;
}

/** Around a transition: every second for ±20 s, every minute for ±2 h, and the slot edges. */
function aroundTransition(t: number, tz: string): void {
  for (let d = -20_000; d <= 20_000; d += 1000) agrees(t + d, tz);
  for (let d = -2 * HOUR; d <= 2 * HOUR; d += MINUTE) agrees(t + d, tz);
  for (const d of [-1, 1, 999, 1001, -15 * MINUTE - 1, 15 * MINUTE + 1]) agrees(t + d, tz);
}

describe("cached zone offsets agree with Intl", () => {
  it("around both DST switches of Europe/Copenhagen, and every 15 minutes of the year", () => {
    const year = [Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1)] as const;
    const found = transitions("Europe/Copenhagen", ...year);
    expect(found.map((t) => new Date(t).toISOString())).toEqual(["2026-03-29T01:00:00.000Z", "2026-10-25T01:00:00.000Z"]);
    for (const t of found) aroundTransition(t, "Europe/Copenhagen");
    for (let t = year[0]; t < year[1]; t += 15 * MINUTE + 7_000) agrees(t, "Europe/Copenhagen");
  });

  it("in zones with :30 and :45 offsets and a 30-minute DST shift", () => {
    // Kathmandu: +5:45 since 1986 (from +5:30 at local midnight, 18:30Z)
    expect(transitions("Asia/Kathmandu", Date.UTC(1985, 0, 1), Date.UTC(1987, 0, 1)).map((t) => new Date(t).toISOString())).toEqual(["1985-12-31T18:30:00.000Z"]);
    aroundTransition(Date.UTC(1985, 11, 31, 18, 30), "Asia/Kathmandu");
    // Lord Howe: +10:30 in winter, +11 in summer (a 30-minute shift)
    const lordHowe = transitions("Australia/Lord_Howe", Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1));
    expect(lordHowe).toHaveLength(2);
    expect(lordHowe.map((t) => intl(t, "Australia/Lord_Howe").offset - intl(t - 1000, "Australia/Lord_Howe").offset)).toEqual([-30 * MINUTE, 30 * MINUTE]);
    for (const t of lordHowe) aroundTransition(t, "Australia/Lord_Howe");
    // Chatham: +12:45 / +13:45
    for (const t of transitions("Pacific/Chatham", Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1))) aroundTransition(t, "Pacific/Chatham");
    for (const tz of ["Asia/Kathmandu", "Australia/Lord_Howe", "Asia/Kolkata", "Australia/Eucla"]) {
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 15 * MINUTE * 7 + 13_000) agrees(t, tz);
    }
  });

  it("at transitions off the 15-minute grid (so a slot cannot be trusted by its start alone)", () => {
    const offGrid: [string, number, number][] = [
      ["Africa/Monrovia", Date.UTC(1972, 0, 1), Date.UTC(1972, 1, 1)], // -0:44:30 → 0 at 00:44:30Z
      ["America/St_Johns", Date.UTC(2005, 0, 1), Date.UTC(2006, 0, 1)], // -3:30/-2:30, switched at 00:01 local
      ["America/Goose_Bay", Date.UTC(2000, 0, 1), Date.UTC(2001, 0, 1)], // switched at 00:01 local
      ["Antarctica/Casey", Date.UTC(2022, 0, 1), Date.UTC(2023, 0, 1)], // 16:01Z
    ];
    for (const [tz, from, to] of offGrid) {
      const found = transitions(tz, from, to);
      expect(found.length, tz).toBeGreaterThan(0);
      expect(found.some((t) => t % (15 * MINUTE) !== 0), tz).toBe(true);
      for (const t of found) aroundTransition(t, tz);
    }
    expect(zonedParts(new Date("1972-01-07T00:44:29Z"), "Africa/Monrovia")).toMatchObject({ day: 6, hour: 23, minute: 59, second: 59 });
    expect(zonedParts(new Date("1972-01-07T00:44:30Z"), "Africa/Monrovia")).toMatchObject({ day: 7, hour: 0, minute: 44, second: 30 });
  });

  it("with local mean time (offsets in seconds) and outside the cached years", () => {
    // Copenhagen kept +0:50:20 until 1894
    agrees(Date.UTC(1880, 5, 1, 12, 0, 7), "Europe/Copenhagen");
    for (const t of transitions("Europe/Copenhagen", Date.UTC(1893, 0, 1), Date.UTC(1895, 0, 1))) aroundTransition(t, "Europe/Copenhagen");
    for (const t of [Date.UTC(1500, 2, 1, 3, 4, 5), Date.UTC(1799, 11, 31, 23, 59, 59), Date.UTC(9500, 0, 1), -8.64e15, 8.64e15]) agrees(t, "America/New_York");
  });

  it("the same answers on repeated calls (cached), as fresh Dates", () => {
    const first = zonedToUtc({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, "Europe/Copenhagen");
    first.setTime(0); // a caller changing its Date must not change the cache
    const again = zonedToUtc({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, "Europe/Copenhagen");
    expect(again.toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(again).not.toBe(zonedToUtc({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, "Europe/Copenhagen"));
    // every local midnight of two years, twice: the instant Intl shows as that midnight (or the first moment after a gap)
    for (let pass = 0; pass < 2; pass++) {
      for (let d = Date.UTC(2025, 0, 1); d < Date.UTC(2027, 0, 1); d += DAY) {
        for (const tz of ["Europe/Copenhagen", "America/Sao_Paulo", "Australia/Lord_Howe", "Asia/Kathmandu"]) {
          const c = new Date(d);
          const t = zonedToUtc({ year: c.getUTCFullYear(), month: c.getUTCMonth() + 1, day: c.getUTCDate() }, tz).getTime();
          const shown = intl(t, tz).fields;
          expect([shown.year, shown.month, shown.day]).toEqual([c.getUTCFullYear(), c.getUTCMonth() + 1, c.getUTCDate()]);
          expect(intl(t - 1000, tz).fields.day).not.toBe(c.getUTCDate()); // nothing earlier on that date
        }
      }
    }
  });

  it("zonedMidnight(day number) is zonedToUtc of that date", () => {
    for (const tz of ["Europe/Copenhagen", "America/Sao_Paulo", "America/St_Johns", "Asia/Kathmandu", "UTC"]) {
      for (let d = daysFromCivil(1969, 12, 1); d < daysFromCivil(2031, 1, 1); d += 3) {
        expect(zonedMidnight(d, tz).getTime()).toBe(zonedToUtc(civilFromDays(d), tz).getTime());
      }
    }
    expect(zonedMidnight(daysFromCivil(2018, 11, 4), "America/Sao_Paulo").toISOString()).toBe("2018-11-04T03:00:00.000Z");
  });

  it("still refuses bad zones and instants", () => {
    expect(() => zonedParts(new Date(Date.UTC(2026, 0, 1)), "Mars/Olympus")).toThrow(RangeError);
    expect(() => zonedToUtc({ year: 2026, month: 1, day: 1 }, "Mars/Olympus")).toThrow(RangeError);
    expect(() => timeZoneOffsetMs(new Date(Number.NaN), "UTC")).toThrow(RangeError);
    expect(() => zonedToUtc({ year: Number.NaN, month: 1, day: 1 }, "UTC")).toThrow(RangeError);
    expect(() => zonedToUtc({ year: 300_000, month: 1, day: 1 }, "UTC")).toThrow(RangeError);
    expect(() => zonedMidnight(Number.NaN, "UTC")).toThrow(RangeError);
    expect(() => zonedMidnight(0, "Mars/Olympus")).toThrow(RangeError);
  });
});
