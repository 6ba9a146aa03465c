// The weekly view's window: always the latest complete ISO week, local time, named with its dates.
import { describe, expect, it } from "vitest";
import { isDue, localDayKey, parseDailyCron } from "../../src/core/schedule.ts";
import { latestCompleteWeek } from "../../src/core/weekly.ts";
import { capitalized } from "../../src/messages/format.ts";

const TZ = "Europe/Copenhagen";
const at = (iso: string) => new Date(iso);

describe("latestCompleteWeek", () => {
  it("on Monday morning: the week that just ended, Monday 00:00 to Monday 00:00 local", () => {
    const w = latestCompleteWeek(at("2026-12-07T08:00:00Z"), TZ); // Monday 09:00 in Copenhagen
    expect(w.from.toISOString()).toBe("2026-11-29T23:00:00.000Z");
    expect(w.to.toISOString()).toBe("2026-12-06T23:00:00.000Z");
    expect(w).toMatchObject({ isoYear: 2026, week: 49, key: "2026-W49" });
    expect(w.label).toEqual({ da: "uge 49 (30. nov.–6. dec.)", en: "week 49 (30 Nov–6 Dec)" });
    expect(capitalized(w.label.da)).toBe("Uge 49 (30. nov.–6. dec.)");
  });

  it("on any other day of the week: still the latest complete week, never the running one", () => {
    for (const iso of ["2026-12-07T00:30:00Z", "2026-12-09T12:00:00Z", "2026-12-13T22:59:59Z"]) {
      expect(latestCompleteWeek(at(iso), TZ).key).toBe("2026-W49");
    }
    // Sunday 23:30 local belongs to week 49, still running: the latest complete one is 48
    expect(latestCompleteWeek(at("2026-12-06T22:30:00Z"), TZ).key).toBe("2026-W48");
    // the local day decides, not UTC's: Monday 00:30 local is Sunday 23:30 UTC
    expect(latestCompleteWeek(at("2026-12-06T23:30:00Z"), TZ).key).toBe("2026-W49");
  });

  it("names weeks within one month and across the year; the ISO year of a week is its Thursday's", () => {
    expect(latestCompleteWeek(at("2026-12-14T10:00:00Z"), TZ).label).toEqual({ da: "uge 50 (7.–13. dec.)", en: "week 50 (7–13 Dec)" });
    const turn = latestCompleteWeek(at("2026-01-05T10:00:00Z"), TZ); // week 1 of 2026 runs 29 Dec 2025 – 4 Jan 2026
    expect(turn).toMatchObject({ key: "2026-W01", isoYear: 2026, week: 1 });
    expect(turn.label.da).toBe("uge 1 (29. dec.–4. jan.)");
    expect(latestCompleteWeek(at("2021-01-04T10:00:00Z"), TZ).key).toBe("2020-W53"); // a 53-week year
  });

  it("spans 167 or 169 hours around the DST changes, from local midnight to local midnight", () => {
    const spring = latestCompleteWeek(at("2027-03-29T10:00:00Z"), TZ); // 22–28 March 2027, clocks forward on the 28th
    expect((spring.to.getTime() - spring.from.getTime()) / 3_600_000).toBe(167);
    const autumn = latestCompleteWeek(at("2026-11-02T10:00:00Z"), TZ); // 26 Oct – 1 Nov 2026: back on 25 Oct (before), so 168
    expect((autumn.to.getTime() - autumn.from.getTime()) / 3_600_000).toBe(168);
    const back = latestCompleteWeek(at("2026-10-26T10:00:00Z"), TZ); // 19–25 October 2026, clocks back on the 25th
    expect((back.to.getTime() - back.from.getTime()) / 3_600_000).toBe(169);
  });

  it("with the default schedule the week is due from Monday 09:00 local that day only (same-day catch-up)", () => {
    const cron = parseDailyCron("0 9 * * 1")!;
    const due = (iso: string) => isDue(localDayKey(at(iso), TZ), cron, at(iso), TZ);
    expect(due("2026-12-07T07:59:00Z")).toBe(false); // 08:59
    expect(due("2026-12-07T08:00:00Z")).toBe(true);
    expect(due("2026-12-07T21:00:00Z")).toBe(true); // a replica back at 22:00 still sends it
    expect(due("2026-12-08T08:00:00Z")).toBe(false); // Tuesday: not again, not late
  });
});
