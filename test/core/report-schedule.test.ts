// When the monthly report goes out (the first working day, Danish holidays skipped, from
// REPORT_TIME, catching up later that day) and what "/nps rapport …" asks for.
import { describe, expect, it } from "vitest";
import { parseNpsCommand, type CommandContext } from "../../src/core/nps-command.ts";
import { dueReport, firstWorkingDay, parseReportTime, reportPeriod } from "../../src/core/report-schedule.ts";
import { civilFromDays } from "../../src/core/timezone.ts";

const TZ = "Europe/Copenhagen";
const NINE = { hour: 9, minute: 0 };
const day = (n: number) => {
  const c = civilFromDays(n);
  return `${c.year}-${String(c.month).padStart(2, "0")}-${String(c.day).padStart(2, "0")}`;
};

describe("the first working day of a month", () => {
  it("skips weekends and Danish holidays", () => {
    expect(day(firstWorkingDay(2027, 1))).toBe("2027-01-04"); // Fri 1 Jan nytårsdag, then the weekend
    expect(day(firstWorkingDay(2026, 1))).toBe("2026-01-02"); // Thu 1 Jan nytårsdag → Friday
    expect(day(firstWorkingDay(2026, 11))).toBe("2026-11-02"); // Sunday 1 Nov → Monday
    expect(day(firstWorkingDay(2026, 12))).toBe("2026-12-01"); // a Tuesday
    expect(day(firstWorkingDay(2027, 4))).toBe("2027-04-01"); // Thursday, before Easter 2027 (skærtorsdag is 25 Mar)
    expect(day(firstWorkingDay(2026, 6, { holidays: ["2026-06-01"] }))).toBe("2026-06-02"); // a company's own day off
  });
});

describe("dueReport", () => {
  it("is due on the first working day from 09:00 local time, for the month before, and all that day", () => {
    expect(dueReport(new Date("2027-01-01T10:00:00Z"), NINE, TZ)).toBeNull(); // a holiday
    expect(dueReport(new Date("2027-01-04T07:59:00Z"), NINE, TZ)).toBeNull(); // 08:59 in Copenhagen
    const due = dueReport(new Date("2027-01-04T08:00:00Z"), NINE, TZ);
    expect(due?.monthKey).toBe("2026-12");
    expect(due?.period.label.da).toBe("december 2026");
    expect(dueReport(new Date("2027-01-04T22:30:00Z"), NINE, TZ)?.monthKey).toBe("2026-12"); // 23:30: a replica that was down catches up
    expect(dueReport(new Date("2027-01-05T08:00:00Z"), NINE, TZ)).toBeNull(); // not a day late
    // summer time: 09:00 is 07:00 UTC
    expect(dueReport(new Date("2026-06-01T07:00:00Z"), NINE, TZ)?.monthKey).toBe("2026-05");
    expect(dueReport(new Date("2026-06-01T06:59:00Z"), NINE, TZ)).toBeNull();
  });

  it("reads REPORT_TIME", () => {
    expect(parseReportTime("09:00")).toEqual({ hour: 9, minute: 0 });
    expect(parseReportTime("7:30")).toEqual({ hour: 7, minute: 30 });
    expect(parseReportTime("24:00")).toBeNull();
    expect(parseReportTime("nine")).toBeNull();
  });
});

describe("/nps rapport [måned|kvartal|periode]", () => {
  const now = new Date("2026-12-06T12:00:00Z");
  const ctx: CommandContext = { now, timeZone: TZ, defaultLang: "en", teams: ["support"], touchpoints: [] };
  const label = (words: string[]) => {
    const r = reportPeriod(words, now, TZ);
    return r.ok ? r.period.label.da : `fejl: ${r.error.da}`;
  };

  it("defaults to the last complete month; kvartal is the last complete quarter; any finished month or quarter", () => {
    expect(label([])).toBe("november 2026");
    expect(label(["måned"])).toBe("november 2026");
    expect(label(["month"])).toBe("november 2026");
    expect(label(["kvartal"])).toBe("3. kvartal 2026");
    expect(label(["quarter"])).toBe("3. kvartal 2026");
    expect(label(["oktober"])).toBe("oktober 2026");
    expect(label(["sidste", "kvartal"])).toBe("3. kvartal 2026");
    expect(label(["2025-12"])).toBe("december 2025");
  });

  it("refuses a period still running or that is not a month or quarter", () => {
    expect(label(["denne", "måned"])).toMatch(/^fejl: december 2026 er ikke slut endnu/);
    expect(label(["december"])).toMatch(/ikke slut endnu/);
    expect(label(["i", "går"])).toMatch(/en måned eller et kvartal/);
    expect(label(["blah"])).toMatch(/Jeg forstår ikke perioden "blah"/);
  });

  it("is parsed by /nps in the verb's language", () => {
    const da = parseNpsCommand("/nps rapport", ctx);
    expect(da).toMatchObject({ kind: "report", lang: "da" });
    expect(da.kind === "report" && da.period.label.da).toBe("november 2026");
    const en = parseNpsCommand("report quarter", ctx);
    expect(en).toMatchObject({ kind: "report", lang: "en" });
    expect(en.kind === "report" && en.period.label.en).toBe("Q3 2026");
    expect(parseNpsCommand("/nps rapport denne måned", ctx)).toMatchObject({ kind: "invalid", lang: "da" });
  });
});
