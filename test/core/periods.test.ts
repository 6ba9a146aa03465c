import { describe, expect, it } from "vitest";
import {
  matchPeriodPrefix,
  parsePeriod,
  previousPeriod,
  trendBuckets,
  type Period,
} from "../../src/core/periods.ts";

const CPH = "Europe/Copenhagen";
const NY = "America/New_York";
const HOUR = 3_600_000;

/** Wednesday 18 November 2026, 11:00 in Copenhagen (ISO week 47). */
const MID = new Date("2026-11-18T10:00:00Z");
/** Friday 1 January 2027, 00:30 in Copenhagen, still 2026 in UTC (ISO week 53 of 2026). */
const NEW_YEAR = new Date("2026-12-31T23:30:00Z");
/** Monday 5 January 2026, 12:00 in Copenhagen (ISO week 2). */
const JAN5 = new Date("2026-01-05T11:00:00Z");
/** Friday 2 January 2026 (ISO week 1, which began Monday 29 December 2025). */
const JAN2 = new Date("2026-01-02T12:00:00Z");
/** Sunday 29 March 2026, spring forward in Copenhagen. */
const SPRING = new Date("2026-03-29T12:00:00Z");
/** Sunday 25 October 2026, fall back in Copenhagen. */
const AUTUMN = new Date("2026-10-25T12:00:00Z");

function get(text: string, now: Date, tz = CPH): Period {
  const r = parsePeriod(text, now, tz);
  if (!r.ok) throw new Error(`expected "${text}" to parse: ${r.error.en}`);
  return r.period;
}
function errorOf(text: string, now = MID, tz = CPH): { da: string; en: string } {
  const r = parsePeriod(text, now, tz);
  if (r.ok) throw new Error(`expected "${text}" to fail`);
  return r.error;
}
const span = (p: { from: Date; to: Date }) => [p.from.toISOString(), p.to.toISOString()];
const hours = (p: { from: Date; to: Date }) => (p.to.getTime() - p.from.getTime()) / HOUR;

type Case = [phrases: string[], kind: Period["kind"], from: string, to: string, da: string, en: string];

function check(now: Date, cases: Case[], tz = CPH) {
  for (const [phrases, kind, from, to, da, en] of cases) {
    for (const text of phrases) {
      it(`${JSON.stringify(text)} → ${en}`, () => {
        const p = get(text, now, tz);
        expect(p.kind).toBe(kind);
        expect(span(p)).toEqual([from, to]);
        expect(p.label).toEqual({ da, en });
      });
    }
  }
}

describe("parsePeriod, mid-month (Wed 18 Nov 2026, Copenhagen)", () => {
  check(MID, [
    [["today", "i dag", "idag", "I DAG", "  Today  "], "day", "2026-11-17T23:00:00.000Z", "2026-11-18T23:00:00.000Z", "i dag", "today"],
    [["yesterday", "i går", "igår", "i gar", "igar", "i gaar", "I  GÅR"], "day", "2026-11-16T23:00:00.000Z", "2026-11-17T23:00:00.000Z", "i går", "yesterday"],
    [["this week", "denne uge", "Denne   Uge"], "week", "2026-11-15T23:00:00.000Z", "2026-11-22T23:00:00.000Z", "uge 47 2026", "week 47 2026"],
    [["last week", "sidste uge", "forrige uge"], "week", "2026-11-08T23:00:00.000Z", "2026-11-15T23:00:00.000Z", "uge 46 2026", "week 46 2026"],
    [["", "   ", "this month", "denne måned", "denne maaned", "denne maned", "DENNE MÅNED"], "month", "2026-10-31T23:00:00.000Z", "2026-11-30T23:00:00.000Z", "november 2026", "November 2026"],
    [["last month", "sidste måned", "sidste maaned", "forrige måned"], "month", "2026-09-30T22:00:00.000Z", "2026-10-31T23:00:00.000Z", "oktober 2026", "October 2026"],
    [["this quarter", "dette kvartal"], "quarter", "2026-09-30T22:00:00.000Z", "2026-12-31T23:00:00.000Z", "4. kvartal 2026", "Q4 2026"],
    [["last quarter", "sidste kvartal", "forrige kvartal"], "quarter", "2026-06-30T22:00:00.000Z", "2026-09-30T22:00:00.000Z", "3. kvartal 2026", "Q3 2026"],
    [["this year", "i år", "i aar", "dette år"], "year", "2025-12-31T23:00:00.000Z", "2026-12-31T23:00:00.000Z", "2026", "2026"],
    [["last year", "sidste år", "sidste aar", "forrige år"], "year", "2024-12-31T23:00:00.000Z", "2025-12-31T23:00:00.000Z", "2025", "2025"],
    [["last 7 days", "past 7 days", "seneste 7 dage", "sidste 7 dage", "Last  7  Days"], "days", "2026-11-11T23:00:00.000Z", "2026-11-18T23:00:00.000Z", "seneste 7 dage", "last 7 days"],
    [["last 1 day", "seneste 1 dag"], "days", "2026-11-17T23:00:00.000Z", "2026-11-18T23:00:00.000Z", "seneste 1 dag", "last 1 day"],
    [["2026-10", "oktober 2026", "october 2026", "Oct 2026", "okt. 2026"], "month", "2026-09-30T22:00:00.000Z", "2026-10-31T23:00:00.000Z", "oktober 2026", "October 2026"],
    [["Q3 2026", "q3 2026", "3. kvartal 2026", "3 kvartal 2026", "2026-Q3", "2026 Q3", "Q3-2026"], "quarter", "2026-06-30T22:00:00.000Z", "2026-09-30T22:00:00.000Z", "3. kvartal 2026", "Q3 2026"],
    [["2026"], "year", "2025-12-31T23:00:00.000Z", "2026-12-31T23:00:00.000Z", "2026", "2026"],
    [["2026-10-01..2026-10-15", "2026-10-01 .. 2026-10-15", "2026-10-01...2026-10-15", "2026-10-01 – 2026-10-15", "2026-10-01 - 2026-10-15", "2026-10-01 to 2026-10-15", "2026-10-01 til 2026-10-15"], "range", "2026-09-30T22:00:00.000Z", "2026-10-15T22:00:00.000Z", "1.–15. okt. 2026", "1–15 Oct 2026"],
    [["2026-10-01"], "day", "2026-09-30T22:00:00.000Z", "2026-10-01T22:00:00.000Z", "1. oktober 2026", "1 October 2026"],
    [["uge 47 2026", "week 47 2026", "2026-W47", "w47", "uge 47"], "week", "2026-11-15T23:00:00.000Z", "2026-11-22T23:00:00.000Z", "uge 47 2026", "week 47 2026"],
  ]);

  it("reads last 30 days across the autumn DST change (721 h)", () => {
    const p = get("last 30 days", MID);
    expect(span(p)).toEqual(["2026-10-19T22:00:00.000Z", "2026-11-18T23:00:00.000Z"]);
    expect(hours(p)).toBe(30 * 24 + 1);
  });

  it("accepts 1 to 3650 days", () => {
    expect(get("past 3650 days", MID).from.toISOString()).toBe("2016-11-20T23:00:00.000Z");
  });

  it("labels ranges that span months and years", () => {
    expect(get("2026-09-28..2026-10-15", MID).label).toEqual({ da: "28. sep.–15. okt. 2026", en: "28 Sep – 15 Oct 2026" });
    expect(get("2026-12-28..2027-01-03", MID).label).toEqual({ da: "28. dec. 2026–3. jan. 2027", en: "28 Dec 2026 – 3 Jan 2027" });
    expect(get("2026-10-01..2026-10-01", MID)).toMatchObject({ kind: "range", label: { da: "1. okt. 2026", en: "1 Oct 2026" } });
  });

  it("accepts valid leap days", () => {
    expect(span(get("2024-02-29", MID))).toEqual(["2024-02-28T23:00:00.000Z", "2024-02-29T23:00:00.000Z"]);
    expect(get("2000-02-29", MID).kind).toBe("day");
  });

  it("resolves names without a year to the latest one that has begun", () => {
    expect(get("november", MID).label.en).toBe("November 2026");
    expect(get("januar", MID).label.en).toBe("January 2026");
    expect(get("december", MID).label.en).toBe("December 2025");
    expect(get("Q4", MID).label.en).toBe("Q4 2026");
    expect(get("q4", JAN5).label.en).toBe("Q4 2025");
    expect(get("uge 53", NEW_YEAR).label.en).toBe("week 53 2026");
    expect(get("uge 48", MID).label.en).toBe("week 48 2025");
  });
});

describe("parsePeriod, 1 January 00:30 local (week 53 of 2026)", () => {
  check(NEW_YEAR, [
    [["today", "i dag"], "day", "2026-12-31T23:00:00.000Z", "2027-01-01T23:00:00.000Z", "i dag", "today"],
    [["yesterday", "i går"], "day", "2026-12-30T23:00:00.000Z", "2026-12-31T23:00:00.000Z", "i går", "yesterday"],
    [["this week", "denne uge"], "week", "2026-12-27T23:00:00.000Z", "2027-01-03T23:00:00.000Z", "uge 53 2026", "week 53 2026"],
    [["last week", "sidste uge"], "week", "2026-12-20T23:00:00.000Z", "2026-12-27T23:00:00.000Z", "uge 52 2026", "week 52 2026"],
    [["this month", "denne måned"], "month", "2026-12-31T23:00:00.000Z", "2027-01-31T23:00:00.000Z", "januar 2027", "January 2027"],
    [["last month", "sidste måned"], "month", "2026-11-30T23:00:00.000Z", "2026-12-31T23:00:00.000Z", "december 2026", "December 2026"],
    [["this quarter", "dette kvartal"], "quarter", "2026-12-31T23:00:00.000Z", "2027-03-31T22:00:00.000Z", "1. kvartal 2027", "Q1 2027"],
    [["last quarter", "sidste kvartal"], "quarter", "2026-09-30T22:00:00.000Z", "2026-12-31T23:00:00.000Z", "4. kvartal 2026", "Q4 2026"],
    [["this year", "i år"], "year", "2026-12-31T23:00:00.000Z", "2027-12-31T23:00:00.000Z", "2027", "2027"],
    [["last year", "sidste år"], "year", "2025-12-31T23:00:00.000Z", "2026-12-31T23:00:00.000Z", "2026", "2026"],
    [["last 7 days", "seneste 7 dage"], "days", "2026-12-25T23:00:00.000Z", "2027-01-01T23:00:00.000Z", "seneste 7 dage", "last 7 days"],
  ]);
});

describe("parsePeriod, year boundaries in early January", () => {
  check(JAN5, [
    [["this week"], "week", "2026-01-04T23:00:00.000Z", "2026-01-11T23:00:00.000Z", "uge 2 2026", "week 2 2026"],
    [["last week"], "week", "2025-12-28T23:00:00.000Z", "2026-01-04T23:00:00.000Z", "uge 1 2026", "week 1 2026"],
    [["last month"], "month", "2025-11-30T23:00:00.000Z", "2025-12-31T23:00:00.000Z", "december 2025", "December 2025"],
    [["last quarter"], "quarter", "2025-09-30T22:00:00.000Z", "2025-12-31T23:00:00.000Z", "4. kvartal 2025", "Q4 2025"],
  ]);
  check(JAN2, [
    [["this week"], "week", "2025-12-28T23:00:00.000Z", "2026-01-04T23:00:00.000Z", "uge 1 2026", "week 1 2026"],
    [["last week"], "week", "2025-12-21T23:00:00.000Z", "2025-12-28T23:00:00.000Z", "uge 52 2025", "week 52 2025"],
  ]);
});

describe("parsePeriod on DST days in Copenhagen", () => {
  it("spring: today is 23 hours", () => {
    for (const now of [SPRING, new Date("2026-03-29T00:30:00Z"), new Date("2026-03-28T23:00:00Z")]) {
      const p = get("today", now);
      expect(span(p)).toEqual(["2026-03-28T23:00:00.000Z", "2026-03-29T22:00:00.000Z"]);
      expect(hours(p)).toBe(23);
    }
    expect(hours(get("yesterday", SPRING))).toBe(24);
  });

  it("spring: the week and month contain one hour less", () => {
    const week = get("this week", SPRING);
    expect(span(week)).toEqual(["2026-03-22T23:00:00.000Z", "2026-03-29T22:00:00.000Z"]);
    expect(week.label.en).toBe("week 13 2026");
    expect(hours(week)).toBe(167);
    expect(span(get("this month", SPRING))).toEqual(["2026-02-28T23:00:00.000Z", "2026-03-31T22:00:00.000Z"]);
    const days = get("last 7 days", new Date("2026-03-30T10:00:00Z"));
    expect(span(days)).toEqual(["2026-03-23T23:00:00.000Z", "2026-03-30T22:00:00.000Z"]);
    expect(hours(days)).toBe(167);
  });

  it("autumn: today is 25 hours, also during the repeated hour", () => {
    for (const now of [AUTUMN, new Date("2026-10-25T00:30:00Z"), new Date("2026-10-25T01:30:00Z"), new Date("2026-10-24T22:00:00Z")]) {
      const p = get("i dag", now);
      expect(span(p)).toEqual(["2026-10-24T22:00:00.000Z", "2026-10-25T23:00:00.000Z"]);
      expect(hours(p)).toBe(25);
    }
    expect(span(get("today", new Date("2026-10-24T21:59:59.999Z")))).toEqual(["2026-10-23T22:00:00.000Z", "2026-10-24T22:00:00.000Z"]);
  });

  it("autumn: the week and month contain one hour more", () => {
    const week = get("denne uge", AUTUMN);
    expect(span(week)).toEqual(["2026-10-18T22:00:00.000Z", "2026-10-25T23:00:00.000Z"]);
    expect(week.label.da).toBe("uge 43 2026");
    expect(hours(week)).toBe(169);
    expect(hours(get("denne måned", AUTUMN))).toBe(31 * 24 + 1);
  });
});

describe("parsePeriod in other time zones", () => {
  it("New York: today follows local midnight, not Copenhagen's", () => {
    const late = new Date("2026-11-18T03:00:00Z"); // 22:00 on the 17th in New York
    expect(span(get("today", late, NY))).toEqual(["2026-11-17T05:00:00.000Z", "2026-11-18T05:00:00.000Z"]);
    expect(span(get("today", late, CPH))).toEqual(["2026-11-17T23:00:00.000Z", "2026-11-18T23:00:00.000Z"]);
    expect(span(get("this month", late, NY))).toEqual(["2026-11-01T04:00:00.000Z", "2026-12-01T05:00:00.000Z"]);
    expect(span(get("2026-03-08", late, NY))).toEqual(["2026-03-08T05:00:00.000Z", "2026-03-09T04:00:00.000Z"]);
    expect(hours(get("today", new Date("2026-11-01T16:00:00Z"), NY))).toBe(25);
  });

  it("UTC: the same instant can be in another year", () => {
    expect(span(get("this month", NEW_YEAR, "UTC"))).toEqual(["2026-12-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z"]);
    expect(get("this year", NEW_YEAR, "UTC").label.en).toBe("2026");
    expect(span(get("this week", MID, "UTC"))).toEqual(["2026-11-16T00:00:00.000Z", "2026-11-23T00:00:00.000Z"]);
  });

  it("defaults to Europe/Copenhagen", () => {
    const r = parsePeriod("today", MID);
    expect(r.ok && span(r.period)).toEqual(["2026-11-17T23:00:00.000Z", "2026-11-18T23:00:00.000Z"]);
  });
});

describe("parsePeriod errors", () => {
  it("explains unknown text with three fitting examples, each in its own language", () => {
    const e = errorOf("next tuesday");
    expect(e.da).toBe('Jeg forstår ikke perioden "next tuesday". Prøv fx: denne måned, sidste måned, seneste 30 dage.');
    expect(e.en).toBe('I don\'t understand the period "next tuesday". Try for example: this month, last month, last 30 days.');
    // a typo: the examples that share its words come first
    expect(errorOf("sidste kvartl").da).toBe('Jeg forstår ikke perioden "sidste kvartl". Prøv fx: sidste kvartal, sidste måned, sidste uge.');
    expect(errorOf("last quartr").en).toBe('I don\'t understand the period "last quartr". Try for example: last quarter, last month, last 30 days.');
  });

  it.each(["foo", "support", "last days", "last -3 days", "this decade", "0999", "Q3 26", "2026-10-01..", "i morgen"])(
    "rejects %j as unknown",
    (text) => {
      expect(errorOf(text).en).toMatch(/^I don't understand/);
    },
  );

  it.each(["2026-02-30", "2026-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-10-00"])(
    "rejects the impossible date %s",
    (text) => {
      expect(errorOf(text)).toEqual({
        da: `"${text}" er ikke en gyldig dato (brug ÅÅÅÅ-MM-DD).`,
        en: `"${text}" is not a valid date (use YYYY-MM-DD).`,
      });
    },
  );

  it("rejects month 13 and 0", () => {
    expect(errorOf("2026-13")).toEqual({ da: '"2026-13" er ikke en gyldig måned (1–12).', en: '"2026-13" is not a valid month (1–12).' });
    expect(errorOf("2026-0").en).toContain("not a valid month");
  });

  it("rejects ranges that end before they start or contain a bad date", () => {
    expect(errorOf("2026-10-15..2026-10-01")).toEqual({
      da: "Slutdatoen 2026-10-01 ligger før startdatoen 2026-10-15.",
      en: "The end date 2026-10-01 is before the start date 2026-10-15.",
    });
    expect(errorOf("2026-10-01..2026-10-32").en).toBe('"2026-10-32" is not a valid date (use YYYY-MM-DD).');
    expect(errorOf("2026-02-30..2026-03-02").en).toContain('"2026-02-30"');
    expect(errorOf("2000-01-01..2026-01-01").en).toContain("at most 3650 days");
  });

  it("rejects day counts outside 1–3650", () => {
    for (const text of ["last 0 days", "last 3651 days", "seneste 99999999999999999999 dage"]) {
      expect(errorOf(text)).toEqual({ da: "Antal dage skal være mellem 1 og 3650.", en: "The number of days must be between 1 and 3650." });
    }
  });

  it("rejects impossible quarters and weeks", () => {
    expect(errorOf("Q5 2026")).toEqual({ da: "Kvartal skal være 1–4, ikke 5.", en: "Quarter must be 1–4, not 5." });
    expect(errorOf("0. kvartal 2026").en).toContain("Quarter must be 1–4");
    expect(errorOf("2027-W53")).toEqual({ da: "Uge 53 2027 findes ikke.", en: "Week 53 2027 does not exist." });
    expect(errorOf("week 0 2026").en).toContain("does not exist");
    expect(get("2026-W53", MID).label.en).toBe("week 53 2026");
  });
});

describe("matchPeriodPrefix", () => {
  const words = (s: string) => s.split(" ");

  it.each([
    ["sidste kvartal support web", 2, "Q3 2026"],
    ["last 7 days support", 3, "last 7 days"],
    ["Q3 2026 web", 2, "Q3 2026"],
    ["3. kvartal 2026 web", 3, "Q3 2026"],
    ["i går support", 2, "yesterday"],
    ["I DAG", 2, "today"],
    ["last month last week", 2, "October 2026"],
    ["2026-10-01..2026-10-15 support", 1, "1–15 Oct 2026"],
    ["2026-10-01 .. 2026-10-15 support web", 3, "1–15 Oct 2026"],
    ["2026 support", 1, "2026"],
    ["oktober 2026 app", 2, "October 2026"],
    ["denne måned", 2, "November 2026"],
  ])("%j uses %i words", (text, used, en) => {
    const m = matchPeriodPrefix(words(text), MID, CPH);
    expect(m?.used).toBe(used);
    expect(m?.period.label.en).toBe(en);
  });

  it("returns null when no prefix is a period", () => {
    expect(matchPeriodPrefix(words("support web"), MID, CPH)).toBeNull();
    expect(matchPeriodPrefix([], MID, CPH)).toBeNull();
    expect(matchPeriodPrefix([""], MID, CPH)).toBeNull();
    expect(matchPeriodPrefix(words("web last month"), MID, CPH)).toBeNull();
    expect(matchPeriodPrefix(words("2026-02-30 support"), MID, CPH)).toBeNull();
  });

  it("tolerates padded words and uses the zone", () => {
    const m = matchPeriodPrefix([" Sidste ", "UGE", "web"], MID, NY);
    expect(m?.used).toBe(2);
    expect(m?.period.from.toISOString()).toBe("2026-11-09T05:00:00.000Z");
  });
});

describe("previousPeriod", () => {
  const prev = (text: string, now = MID, tz = CPH) => previousPeriod(get(text, now, tz), tz);

  it.each<[string, Date, Period["kind"], string, string, string, string]>([
    ["today", MID, "day", "2026-11-16T23:00:00.000Z", "2026-11-17T23:00:00.000Z", "17. november 2026", "17 November 2026"],
    ["2026-10-26", MID, "day", "2026-10-24T22:00:00.000Z", "2026-10-25T23:00:00.000Z", "25. oktober 2026", "25 October 2026"],
    ["this week", MID, "week", "2026-11-08T23:00:00.000Z", "2026-11-15T23:00:00.000Z", "uge 46 2026", "week 46 2026"],
    ["2027-W01", MID, "week", "2026-12-27T23:00:00.000Z", "2027-01-03T23:00:00.000Z", "uge 53 2026", "week 53 2026"],
    ["this month", NEW_YEAR, "month", "2026-11-30T23:00:00.000Z", "2026-12-31T23:00:00.000Z", "december 2026", "December 2026"],
    ["2026-03", MID, "month", "2026-01-31T23:00:00.000Z", "2026-02-28T23:00:00.000Z", "februar 2026", "February 2026"],
    ["this quarter", NEW_YEAR, "quarter", "2026-09-30T22:00:00.000Z", "2026-12-31T23:00:00.000Z", "4. kvartal 2026", "Q4 2026"],
    ["Q3 2026", MID, "quarter", "2026-03-31T22:00:00.000Z", "2026-06-30T22:00:00.000Z", "2. kvartal 2026", "Q2 2026"],
    ["this year", MID, "year", "2024-12-31T23:00:00.000Z", "2025-12-31T23:00:00.000Z", "2025", "2025"],
    ["last 7 days", MID, "days", "2026-11-04T23:00:00.000Z", "2026-11-11T23:00:00.000Z", "5.–11. nov. 2026", "5–11 Nov 2026"],
    ["2026-10-01..2026-10-15", MID, "range", "2026-09-15T22:00:00.000Z", "2026-09-30T22:00:00.000Z", "16.–30. sep. 2026", "16–30 Sep 2026"],
    ["2026-03-01..2026-03-31", MID, "range", "2026-01-28T23:00:00.000Z", "2026-02-28T23:00:00.000Z", "29. jan.–28. feb. 2026", "29 Jan – 28 Feb 2026"],
    ["2026-10-26..2026-11-01", MID, "range", "2026-10-18T22:00:00.000Z", "2026-10-25T23:00:00.000Z", "19.–25. okt. 2026", "19–25 Oct 2026"],
    ["2027-01-02..2027-01-04", MID, "range", "2026-12-29T23:00:00.000Z", "2027-01-01T23:00:00.000Z", "30. dec. 2026–1. jan. 2027", "30 Dec 2026 – 1 Jan 2027"],
    ["2026-10-01..2026-10-01", MID, "range", "2026-09-29T22:00:00.000Z", "2026-09-30T22:00:00.000Z", "30. sep. 2026", "30 Sep 2026"],
  ])("before %j", (text, now, kind, from, to, da, en) => {
    const p = prev(text, now);
    expect(p.kind).toBe(kind);
    expect(span(p)).toEqual([from, to]);
    expect(p.label).toEqual({ da, en });
  });

  it("keeps the number of calendar days, not hours, across DST", () => {
    const p = get("last 30 days", MID); // 721 h
    const before = previousPeriod(p, CPH);
    expect(hours(before)).toBe(30 * 24);
    expect(before.to.getTime()).toBe(p.from.getTime());
  });

  it("can be chained and works in other zones", () => {
    const twice = previousPeriod(previousPeriod(get("this quarter", JAN5), CPH), CPH);
    expect(twice.label.en).toBe("Q3 2025");
    expect(span(prev("this month", MID, NY))).toEqual(["2026-10-01T04:00:00.000Z", "2026-11-01T04:00:00.000Z"]);
    expect(span(prev("today", MID, "UTC"))).toEqual(["2026-11-17T00:00:00.000Z", "2026-11-18T00:00:00.000Z"]);
  });
});

describe("trendBuckets", () => {
  const labels = (text: string, now = MID, tz = CPH) => trendBuckets(get(text, now, tz), now, tz).map((b) => b.label);
  const months = (first: [number, number]) =>
    Array.from({ length: 12 }, (_, i) => {
      const m = first[1] - 1 + i;
      return `${first[0] + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
    });

  it("gives 12 contiguous months, oldest first, for a month", () => {
    const b = trendBuckets(get("this month", MID), MID, CPH);
    expect(b.map((x) => x.label)).toEqual(months([2025, 12]));
    expect(b[0]?.from.toISOString()).toBe("2025-11-30T23:00:00.000Z");
    expect(b[11]?.to.toISOString()).toBe("2026-11-30T23:00:00.000Z");
    for (let i = 1; i < b.length; i++) expect(b[i]?.from.getTime()).toBe(b[i - 1]?.to.getTime());
  });

  it("ends with the period's last month, or now's month for ongoing/future periods", () => {
    expect(labels("2026-03")).toEqual(months([2025, 4]));
    expect(labels("Q3 2026")).toEqual(months([2025, 10]));
    expect(labels("last year")).toEqual(months([2025, 1]));
    expect(labels("this year")).toEqual(months([2025, 12]));
    expect(labels("2027")).toEqual(months([2025, 12]));
    expect(labels("last 32 days")).toEqual(months([2025, 12]));
    expect(labels("this month", NEW_YEAR)).toEqual(months([2026, 2]));
  });

  it("gives 12 ISO weeks for a day, a week or up to 31 days", () => {
    const weeks = Array.from({ length: 12 }, (_, i) => `2026-W${36 + i}`);
    expect(labels("today")).toEqual(weeks);
    expect(labels("this week")).toEqual(weeks);
    expect(labels("last 31 days")).toEqual(weeks);
    expect(labels("2026-10-01..2026-10-31")).toEqual(Array.from({ length: 12 }, (_, i) => `2026-W${33 + i}`));
    const b = trendBuckets(get("this week", MID), MID, CPH);
    expect(b[0]?.from.toISOString()).toBe("2026-08-30T22:00:00.000Z");
    expect(b[11]?.from.toISOString()).toBe("2026-11-15T23:00:00.000Z");
    for (let i = 1; i < b.length; i++) expect(b[i]?.from.getTime()).toBe(b[i - 1]?.to.getTime());
    // the week of 25 October is one hour longer
    expect(b.map(hours).filter((h) => h !== 168)).toEqual([169]);
  });

  it("crosses into a new ISO year through week 53", () => {
    const now = new Date("2027-01-10T12:00:00Z");
    expect(labels("this week", now)).toEqual([
      ...Array.from({ length: 11 }, (_, i) => `2026-W${43 + i}`),
      "2027-W01",
    ]);
  });

  it("pads single-digit weeks and works in UTC", () => {
    const b = trendBuckets(get("this week", JAN5, "UTC"), JAN5, "UTC");
    expect(b.map((x) => x.label).slice(-3)).toEqual(["2025-W52", "2026-W01", "2026-W02"]);
    expect(b[11]?.from.toISOString()).toBe("2026-01-05T00:00:00.000Z");
  });
});
