import { describe, expect, it } from "vitest";
import {
  isDue,
  localDayKey,
  nextScheduledInstant,
  parseDailyCron,
  parseDailyCronDetailed,
  scheduledInstantOnDay,
  type DailyCron,
} from "../../src/core/schedule.ts";

const CPH = "Europe/Copenhagen";
const NY = "America/New_York";
const at = (iso: string) => new Date(iso);
const WEEKDAYS = [1, 2, 3, 4, 5];
const ALL = [1, 2, 3, 4, 5, 6, 7];
const cron = (hour: number, minute: number, weekdays = ALL): DailyCron => ({ hour, minute, weekdays });

describe("localDayKey", () => {
  it("uses the local calendar day", () => {
    expect(localDayKey(at("2026-11-28T10:00:00Z"), CPH)).toBe("2026-11-28");
    expect(localDayKey(at("2026-11-27T23:30:00Z"), CPH)).toBe("2026-11-28");
    expect(localDayKey(at("2026-11-27T23:30:00Z"), NY)).toBe("2026-11-27");
    expect(localDayKey(at("2026-12-31T23:00:00Z"))).toBe("2027-01-01"); // default Copenhagen
    expect(localDayKey(at("2026-06-30T21:59:59Z"), CPH)).toBe("2026-06-30");
  });
});

describe("parseDailyCron", () => {
  it.each([
    ["30 8 * * 1-5", { minute: 30, hour: 8, weekdays: WEEKDAYS }],
    ["0 9 * * *", { minute: 0, hour: 9, weekdays: ALL }],
    ["15 7 * * 1,3,5", { minute: 15, hour: 7, weekdays: [1, 3, 5] }],
    ["0 9 * * 0", { minute: 0, hour: 9, weekdays: [7] }],
    ["0 9 * * 7", { minute: 0, hour: 9, weekdays: [7] }],
    ["0 9 * * 0,7", { minute: 0, hour: 9, weekdays: [7] }],
    ["0 9 * * 0-6", { minute: 0, hour: 9, weekdays: ALL }],
    ["0 9 * * 5-7", { minute: 0, hour: 9, weekdays: [5, 6, 7] }],
    ["0 9 * * 1-3,5", { minute: 0, hour: 9, weekdays: [1, 2, 3, 5] }],
    ["0 9 * * 5,1,3,1", { minute: 0, hour: 9, weekdays: [1, 3, 5] }],
    ["0 9 * * MON-FRI", { minute: 0, hour: 9, weekdays: WEEKDAYS }],
    ["0 9 * * sun,sat", { minute: 0, hour: 9, weekdays: [6, 7] }],
    ["  30   8 * *   1-5 ", { minute: 30, hour: 8, weekdays: WEEKDAYS }],
    ["05 07 * * *", { minute: 5, hour: 7, weekdays: ALL }],
    ["59 23 * * 6", { minute: 59, hour: 23, weekdays: [6] }],
  ])("%j", (expr, expected) => {
    expect(parseDailyCron(expr)).toEqual(expected);
  });

  it.each([
    ["*/5 * * * *", "minute"],
    ["0 */2 * * *", "hour"],
    ["0 9,12 * * *", "hour"],
    ["60 9 * * *", "minute"],
    ["0 24 * * *", "hour"],
    ["0 9 1 * *", "daily"],
    ["0 9 * 12 *", "daily"],
    ["0 9 * * 5-1", "weekdays"],
    ["0 9 * * 8", "weekdays"],
    ["0 9 * * */2", "weekdays"],
    ["0 9 * * 1-2-3", "weekdays"],
    ["0 9 * * monday", "weekdays"],
    ["0 0 9 * * *", "5 fields"],
    ["0 9 * *", "5 fields"],
    ["", "5 fields"],
  ])("refuses %j with a clear error about the %s", (expr, topic) => {
    expect(parseDailyCron(expr)).toBeNull();
    const r = parseDailyCronDetailed(expr);
    if (r.ok) throw new Error("expected an error");
    expect(r.error.en.toLowerCase()).toContain(topic);
    expect(r.error.en).toContain('"M H * * D"');
    expect(r.error.da).toContain("fx \"30 8 * * 1-5\"");
  });
});

describe("scheduledInstantOnDay", () => {
  const weekdays0830 = cron(8, 30, WEEKDAYS);

  it("gives the local time on scheduled days, null on others", () => {
    expect(scheduledInstantOnDay("2026-11-30", weekdays0830, CPH)?.toISOString()).toBe("2026-11-30T07:30:00.000Z"); // Monday, CET
    expect(scheduledInstantOnDay("2026-07-01", weekdays0830, CPH)?.toISOString()).toBe("2026-07-01T06:30:00.000Z"); // CEST
    expect(scheduledInstantOnDay("2026-11-28", weekdays0830, CPH)).toBeNull(); // Saturday
    expect(scheduledInstantOnDay("2026-11-29", cron(8, 30, [7]), CPH)?.toISOString()).toBe("2026-11-29T07:30:00.000Z");
    expect(scheduledInstantOnDay("2026-11-30", weekdays0830, NY)?.toISOString()).toBe("2026-11-30T13:30:00.000Z");
  });

  it("keeps 08:30 on both DST days", () => {
    expect(scheduledInstantOnDay("2026-03-29", cron(8, 30), CPH)?.toISOString()).toBe("2026-03-29T06:30:00.000Z");
    expect(scheduledInstantOnDay("2026-10-25", cron(8, 30), CPH)?.toISOString()).toBe("2026-10-25T07:30:00.000Z");
  });

  it("moves a time skipped by spring-forward to the first valid instant and takes the first of a doubled time", () => {
    expect(scheduledInstantOnDay("2026-03-29", cron(2, 30), CPH)?.toISOString()).toBe("2026-03-29T01:30:00.000Z"); // 03:30 CEST
    expect(scheduledInstantOnDay("2026-10-25", cron(2, 30), CPH)?.toISOString()).toBe("2026-10-25T00:30:00.000Z"); // 02:30 CEST
  });

  it("rejects malformed day keys", () => {
    for (const key of ["2026-02-30", "2026-1-5", "28-11-2026", "i dag"]) {
      expect(() => scheduledInstantOnDay(key, weekdays0830, CPH)).toThrow(RangeError);
    }
  });
});

describe("isDue", () => {
  const weekdays0830 = cron(8, 30, WEEKDAYS);

  it("is due from the scheduled time until the day ends", () => {
    expect(isDue("2026-11-30", weekdays0830, at("2026-11-30T07:29:59Z"), CPH)).toBe(false);
    expect(isDue("2026-11-30", weekdays0830, at("2026-11-30T07:30:00Z"), CPH)).toBe(true);
    expect(isDue("2026-11-30", weekdays0830, at("2026-11-30T09:00:00Z"), CPH)).toBe(true); // started late at 10:00
    expect(isDue("2026-11-30", weekdays0830, at("2026-11-30T22:59:59Z"), CPH)).toBe(true);
  });

  it("never sends yesterday's and never on an unscheduled day", () => {
    expect(isDue("2026-11-30", weekdays0830, at("2026-12-01T09:00:00Z"), CPH)).toBe(false);
    expect(isDue("2026-11-28", weekdays0830, at("2026-11-28T10:00:00Z"), CPH)).toBe(false);
  });

  /** A scheduler ticking every minute with a "job ran for this day key" guard, like JobRun. */
  function simulate(c: DailyCron, fromIso: string, toIso: string, tz = CPH): string[] {
    const ran = new Set<string>();
    const fired: string[] = [];
    for (let t = at(fromIso).getTime(); t < at(toIso).getTime(); t += 60_000) {
      const now = new Date(t);
      const key = localDayKey(now, tz);
      if (!ran.has(key) && isDue(key, c, now, tz)) {
        ran.add(key);
        fired.push(now.toISOString());
      }
    }
    return fired;
  }

  it("fires 08:30 exactly once a day across spring-forward", () => {
    expect(simulate(cron(8, 30), "2026-03-27T23:00:00Z", "2026-03-30T22:00:00Z")).toEqual([
      "2026-03-28T07:30:00.000Z", "2026-03-29T06:30:00.000Z", "2026-03-30T06:30:00.000Z",
    ]);
  });

  it("fires 08:30 exactly once a day across fall-back", () => {
    expect(simulate(cron(8, 30), "2026-10-23T22:00:00Z", "2026-10-26T23:00:00Z")).toEqual([
      "2026-10-24T06:30:00.000Z", "2026-10-25T07:30:00.000Z", "2026-10-26T07:30:00.000Z",
    ]);
  });

  it("fires 02:30 at 03:30 on the spring-forward day and once on the doubled autumn hour", () => {
    expect(simulate(cron(2, 30), "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z")).toEqual(["2026-03-29T01:30:00.000Z"]);
    expect(simulate(cron(2, 30), "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z")).toEqual(["2026-10-25T00:30:00.000Z"]);
  });
});

describe("nextScheduledInstant", () => {
  const weekdays0830 = cron(8, 30, WEEKDAYS);

  it("finds the next run, strictly after now", () => {
    expect(nextScheduledInstant(weekdays0830, at("2026-11-27T07:00:00Z"), CPH)?.toISOString()).toBe("2026-11-27T07:30:00.000Z");
    expect(nextScheduledInstant(weekdays0830, at("2026-11-27T07:30:00Z"), CPH)?.toISOString()).toBe("2026-11-30T07:30:00.000Z");
    expect(nextScheduledInstant(cron(9, 0, [3]), at("2026-11-25T09:00:00Z"), CPH)?.toISOString()).toBe("2026-12-02T08:00:00.000Z");
    expect(nextScheduledInstant(cron(8, 30), at("2026-03-28T08:00:00Z"), CPH)?.toISOString()).toBe("2026-03-29T06:30:00.000Z");
  });

  it("is null without weekdays", () => {
    expect(nextScheduledInstant(cron(8, 30, []), at("2026-11-27T07:00:00Z"), CPH)).toBeNull();
  });
});
