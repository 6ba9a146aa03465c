import { describe, expect, it } from "vitest";
import {
  addZonedDays,
  civilFromDays,
  daysFromCivil,
  isoWeekdayOfDays,
  isValidTimeZone,
  startOfZonedDay,
  timeZoneOffsetMs,
  zonedParts,
  zonedToUtc,
} from "../../src/core/timezone.ts";

const CPH = "Europe/Copenhagen";
const NY = "America/New_York";
const at = (iso: string) => new Date(iso);
const utc = (d: Date) => d.toISOString();
const HOUR = 3_600_000;

describe("zonedParts", () => {
  it("reads local fields in winter and summer", () => {
    expect(zonedParts(at("2026-11-18T10:00:00Z"), CPH)).toEqual({
      year: 2026, month: 11, day: 18, hour: 11, minute: 0, second: 0, weekday: 3,
    });
    expect(zonedParts(at("2026-07-01T21:59:59Z"), CPH)).toEqual({
      year: 2026, month: 7, day: 1, hour: 23, minute: 59, second: 59, weekday: 3,
    });
  });

  it("crosses the date line relative to UTC", () => {
    expect(zonedParts(at("2026-12-31T23:30:00Z"), CPH)).toMatchObject({ year: 2027, month: 1, day: 1, hour: 0, minute: 30, weekday: 5 });
    expect(zonedParts(at("2026-11-18T03:00:00Z"), NY)).toMatchObject({ year: 2026, month: 11, day: 17, hour: 22, weekday: 2 });
    expect(zonedParts(at("2026-11-18T03:00:00Z"), "UTC")).toMatchObject({ day: 18, hour: 3 });
  });

  it("shows midnight as hour 0 and Sunday as 7", () => {
    expect(zonedParts(at("2026-11-21T23:00:00Z"), CPH)).toMatchObject({ day: 22, hour: 0, weekday: 7 });
    expect(zonedParts(at("2026-11-22T23:00:00Z"), CPH)).toMatchObject({ day: 23, hour: 0, weekday: 1 });
  });

  it("sees the repeated autumn hour twice", () => {
    expect(zonedParts(at("2026-10-25T00:30:00Z"), CPH)).toMatchObject({ day: 25, hour: 2, minute: 30 });
    expect(zonedParts(at("2026-10-25T01:30:00Z"), CPH)).toMatchObject({ day: 25, hour: 2, minute: 30 });
  });

  it("throws for bad input", () => {
    expect(() => zonedParts(new Date(Number.NaN), CPH)).toThrow(RangeError);
    expect(() => zonedParts(at("2026-01-01T00:00:00Z"), "Mars/Olympus")).toThrow(RangeError);
  });
});

describe("timeZoneOffsetMs", () => {
  it("knows standard, summer and odd offsets", () => {
    expect(timeZoneOffsetMs(at("2026-01-15T12:00:00Z"), CPH)).toBe(1 * HOUR);
    expect(timeZoneOffsetMs(at("2026-07-15T12:00:00Z"), CPH)).toBe(2 * HOUR);
    expect(timeZoneOffsetMs(at("2026-07-15T12:00:00Z"), NY)).toBe(-4 * HOUR);
    expect(timeZoneOffsetMs(at("2026-06-01T00:00:00.999Z"), "Asia/Kathmandu")).toBe(5.75 * HOUR);
    expect(timeZoneOffsetMs(at("2026-06-01T00:00:00Z"), "UTC")).toBe(0);
  });
});

describe("zonedToUtc", () => {
  it("converts ordinary wall times", () => {
    expect(utc(zonedToUtc({ year: 2026, month: 11, day: 18 }, CPH))).toBe("2026-11-17T23:00:00.000Z");
    expect(utc(zonedToUtc({ year: 2026, month: 7, day: 1, hour: 12, minute: 15, second: 30 }, CPH))).toBe("2026-07-01T10:15:30.000Z");
    expect(utc(zonedToUtc({ year: 2026, month: 11, day: 18 }, NY))).toBe("2026-11-18T05:00:00.000Z");
    expect(utc(zonedToUtc({ year: 2026, month: 11, day: 18 }, "UTC"))).toBe("2026-11-18T00:00:00.000Z");
    expect(utc(zonedToUtc({ year: 2026, month: 6, day: 1, hour: 5, minute: 45 }, "Asia/Kathmandu"))).toBe("2026-06-01T00:00:00.000Z");
  });

  it("moves a spring-gap time forward", () => {
    // Copenhagen jumps 02:00 → 03:00 on 2026-03-29 (01:00Z)
    expect(utc(zonedToUtc({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, CPH))).toBe("2026-03-29T01:30:00.000Z");
    expect(utc(zonedToUtc({ year: 2026, month: 3, day: 29, hour: 2 }, CPH))).toBe("2026-03-29T01:00:00.000Z");
    expect(utc(zonedToUtc({ year: 2026, month: 3, day: 29, hour: 3 }, CPH))).toBe("2026-03-29T01:00:00.000Z");
    expect(utc(zonedToUtc({ year: 2026, month: 3, day: 29, hour: 1, minute: 59 }, CPH))).toBe("2026-03-29T00:59:00.000Z");
    // New York jumps 02:00 → 03:00 on 2026-03-08 (07:00Z)
    expect(utc(zonedToUtc({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, NY))).toBe("2026-03-08T07:30:00.000Z");
  });

  it("takes the first occurrence of an ambiguous autumn time", () => {
    expect(utc(zonedToUtc({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, CPH))).toBe("2026-10-25T00:30:00.000Z");
    expect(utc(zonedToUtc({ year: 2026, month: 10, day: 25, hour: 3 }, CPH))).toBe("2026-10-25T02:00:00.000Z");
    expect(utc(zonedToUtc({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, NY))).toBe("2026-11-01T05:30:00.000Z");
  });

  it("finds the first moment of a day whose midnight does not exist", () => {
    // São Paulo skipped 2018-11-04 00:00 → 01:00
    expect(utc(zonedToUtc({ year: 2018, month: 11, day: 4 }, "America/Sao_Paulo"))).toBe("2018-11-04T03:00:00.000Z");
  });

  it("normalises overflowing fields", () => {
    expect(utc(zonedToUtc({ year: 2026, month: 12, day: 32 }, CPH))).toBe("2026-12-31T23:00:00.000Z");
    expect(utc(zonedToUtc({ year: 2026, month: 13, day: 1 }, CPH))).toBe("2026-12-31T23:00:00.000Z");
    expect(utc(zonedToUtc({ year: 2026, month: 3, day: 0 }, "UTC"))).toBe("2026-02-28T00:00:00.000Z");
    expect(utc(zonedToUtc({ year: 2026, month: 1, day: 1, hour: 24 }, "UTC"))).toBe("2026-01-02T00:00:00.000Z");
  });

  it("round-trips every hour of a DST year", () => {
    for (let t = Date.parse("2026-01-01T00:00:00Z"); t < Date.parse("2027-01-01T00:00:00Z"); t += HOUR) {
      const p = zonedParts(new Date(t), CPH);
      const back = zonedToUtc(p, CPH).getTime();
      // only the second pass of the repeated autumn hour maps back to its first pass
      if (back !== t) expect(t - back).toBe(HOUR);
    }
  });
});

describe("startOfZonedDay / addZonedDays", () => {
  it("finds local midnight", () => {
    expect(utc(startOfZonedDay(at("2026-11-18T10:00:00Z"), CPH))).toBe("2026-11-17T23:00:00.000Z");
    expect(utc(startOfZonedDay(at("2026-11-17T22:59:59.999Z"), CPH))).toBe("2026-11-16T23:00:00.000Z");
    expect(utc(startOfZonedDay(at("2026-11-18T03:00:00Z"), NY))).toBe("2026-11-17T05:00:00.000Z");
    expect(utc(startOfZonedDay(at("2026-11-18T03:00:00Z"), "UTC"))).toBe("2026-11-18T00:00:00.000Z");
  });

  it("makes the spring DST day 23 hours and the autumn one 25", () => {
    const spring = startOfZonedDay(at("2026-03-29T12:00:00Z"), CPH);
    expect(utc(spring)).toBe("2026-03-28T23:00:00.000Z");
    expect(utc(addZonedDays(spring, 1, CPH))).toBe("2026-03-29T22:00:00.000Z");
    expect(addZonedDays(spring, 1, CPH).getTime() - spring.getTime()).toBe(23 * HOUR);

    const autumn = startOfZonedDay(at("2026-10-25T01:30:00Z"), CPH);
    expect(utc(autumn)).toBe("2026-10-24T22:00:00.000Z");
    expect(utc(addZonedDays(autumn, 1, CPH))).toBe("2026-10-25T23:00:00.000Z");
    expect(addZonedDays(autumn, 1, CPH).getTime() - autumn.getTime()).toBe(25 * HOUR);

    const ny = startOfZonedDay(at("2026-11-01T12:00:00Z"), NY);
    expect(addZonedDays(ny, 1, NY).getTime() - ny.getTime()).toBe(25 * HOUR);
  });

  it("adds calendar days across months, years and backwards", () => {
    const d = at("2026-12-31T12:00:00Z");
    expect(utc(addZonedDays(d, 1, CPH))).toBe("2026-12-31T23:00:00.000Z");
    expect(utc(addZonedDays(d, 0, CPH))).toBe("2026-12-30T23:00:00.000Z");
    expect(utc(addZonedDays(d, -365, CPH))).toBe("2025-12-30T23:00:00.000Z");
    expect(utc(addZonedDays(at("2026-03-01T12:00:00Z"), -1, "UTC"))).toBe("2026-02-28T00:00:00.000Z");
    expect(utc(addZonedDays(at("2024-03-01T12:00:00Z"), -1, "UTC"))).toBe("2024-02-29T00:00:00.000Z");
    // a week across the spring change is 167 hours
    const mon = at("2026-03-22T23:00:00Z");
    expect(addZonedDays(mon, 7, CPH).getTime() - mon.getTime()).toBe(167 * HOUR);
  });
});

describe("zonedToUtc for answer times (the CSV import's dates)", () => {
  const at = (y: number, mo: number, d: number, h: number, mi: number, tz = CPH) =>
    zonedToUtc({ year: y, month: mo, day: d, hour: h, minute: mi, second: 0 }, tz).toISOString();

  it("uses winter and summer offsets", () => {
    expect(at(2026, 1, 15, 12, 0)).toBe("2026-01-15T11:00:00.000Z");
    expect(at(2026, 7, 15, 12, 0)).toBe("2026-07-15T10:00:00.000Z");
  });

  it("handles the spring-forward gap and the autumn overlap", () => {
    expect(at(2026, 3, 29, 1, 30)).toBe("2026-03-29T00:30:00.000Z");
    expect(at(2026, 3, 29, 2, 30)).toBe("2026-03-29T01:30:00.000Z"); // does not exist: read as 03:30 CEST
    expect(at(2026, 3, 29, 3, 30)).toBe("2026-03-29T01:30:00.000Z");
    expect(at(2026, 10, 25, 2, 30)).toBe("2026-10-25T00:30:00.000Z"); // happens twice: the first
    expect(at(2026, 10, 25, 3, 30)).toBe("2026-10-25T02:30:00.000Z");
  });

  it("works for other zones, including half-hour offsets", () => {
    expect(at(2026, 3, 8, 2, 30, "America/New_York")).toBe("2026-03-08T07:30:00.000Z");
    expect(at(2026, 6, 1, 9, 0, "Asia/Kolkata")).toBe("2026-06-01T03:30:00.000Z");
    expect(at(2026, 6, 1, 9, 0, "UTC")).toBe("2026-06-01T09:00:00.000Z");
  });

  it("keeps milliseconds, also next to a transition", () => {
    expect(utc(zonedToUtc({ year: 2026, month: 7, day: 1, hour: 12, minute: 0, second: 30, millisecond: 500 }, CPH))).toBe("2026-07-01T10:00:30.500Z");
    expect(utc(zonedToUtc({ year: 2026, month: 3, day: 29, hour: 1, minute: 59, second: 59, millisecond: 999 }, CPH))).toBe("2026-03-29T00:59:59.999Z");
    expect(utc(zonedToUtc({ year: 2026, month: 10, day: 25, hour: 2, minute: 59, second: 59, millisecond: 999 }, CPH))).toBe("2026-10-25T00:59:59.999Z");
  });
});

describe("isValidTimeZone", () => {
  it.each([CPH, NY, "UTC", "Asia/Kathmandu"])("accepts %s", (tz) => {
    expect(isValidTimeZone(tz)).toBe(true);
  });
  it.each(["", "  ", "Mars/Olympus", "Europe/Kopenhagen", "Europe/København", "+25:00"])("rejects %j", (tz) => {
    expect(isValidTimeZone(tz)).toBe(false);
  });
});

describe("civil day helpers", () => {
  it("agrees with Date.UTC over a long span", () => {
    for (let days = -800_000; days <= 800_000; days += 397) {
      const d = new Date(days * 86_400_000);
      const c = civilFromDays(days);
      expect(c).toEqual({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
      expect(daysFromCivil(c.year, c.month, c.day)).toBe(days);
      expect(isoWeekdayOfDays(days)).toBe(((d.getUTCDay() + 6) % 7) + 1);
    }
  });

  it("has no Date.UTC two-digit-year quirk", () => {
    expect(civilFromDays(daysFromCivil(99, 12, 31) + 1)).toEqual({ year: 100, month: 1, day: 1 });
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(isoWeekdayOfDays(0)).toBe(4); // Thursday
  });
});
