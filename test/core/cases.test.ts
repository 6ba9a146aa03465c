import { describe, expect, it } from "vitest";
import {
  addWorkingHours,
  closingRate,
  danishHolidays,
  DEFAULT_ALERT_RULES,
  dueReminders,
  easterSunday,
  isDetractorAlert,
  isManualOutcome,
  isOutcome,
  isWorkingDay,
  medianHours,
  routeCase,
  transition,
  type CaseState,
  type Channel,
} from "../../src/core/cases.ts";
import { civilFromDays, daysFromCivil } from "../../src/core/timezone.ts";

const CPH = "Europe/Copenhagen";
const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();
const HOUR = 3_600_000;

describe("isDetractorAlert", () => {
  const rules = DEFAULT_ALERT_RULES;
  it.each([
    [0, null, true],
    [6, null, true],
    [7, null, false],
    [10, null, false],
    [9, 2, true], // a promoter who had to fight for help
    [9, 1, true],
    [9, 3, false],
    [8, 7, false],
    [5, 7, true],
  ])("score %i, ces %s → %s", (score, ces, expected) => {
    expect(isDetractorAlert({ score, ces }, rules)).toBe(expected);
  });

  it("follows custom thresholds and ignores CES when maxCes is null", () => {
    expect(isDetractorAlert({ score: 4, ces: 1 }, { maxScore: 4, maxCes: null })).toBe(true);
    expect(isDetractorAlert({ score: 5, ces: 1 }, { maxScore: 4, maxCes: null })).toBe(false);
    expect(isDetractorAlert({ score: 8, ces: 3 }, { maxScore: 4, maxCes: 3 })).toBe(true);
  });

  it("defaults to score ≤ 6 or CES ≤ 2", () => {
    expect(DEFAULT_ALERT_RULES).toEqual({ maxScore: 6, maxCes: 2 });
    expect(isDetractorAlert({ score: 6, ces: null })).toBe(true);
    expect(isDetractorAlert({ score: 7, ces: 2 })).toBe(true);
    expect(isDetractorAlert({ score: 7, ces: 3 })).toBe(false);
  });
});

describe("routeCase", () => {
  const team: Channel[] = [{ platform: "slack", channelId: "C-SUPPORT-ALERTS" }];
  const fallback: Channel[] = [{ platform: "teams", channelId: "19:kundeservice@thread.tacv2" }];
  const base = { accountOwnerId: null, touchpointOwnerId: null, teamLeadId: null, teamAlertChannels: [], fallbackChannels: [] };

  it("prefers the account owner, then touchpoint owner, then team lead", () => {
    expect(routeCase({ ...base, accountOwnerId: 1, touchpointOwnerId: 2, teamLeadId: 3, teamAlertChannels: team })).toEqual({ kind: "person", personId: 1, routedBy: "account" });
    expect(routeCase({ ...base, touchpointOwnerId: 2, teamLeadId: 3, teamAlertChannels: team })).toEqual({ kind: "person", personId: 2, routedBy: "touchpoint" });
    expect(routeCase({ ...base, teamLeadId: 3, teamAlertChannels: team })).toEqual({ kind: "person", personId: 3, routedBy: "teamLead" });
  });

  it("falls back to the team's alert channels, then the fallback channels, then nobody", () => {
    expect(routeCase({ ...base, teamAlertChannels: team, fallbackChannels: fallback })).toEqual({ kind: "channels", channels: team, routedBy: "teamChannel" });
    expect(routeCase({ ...base, fallbackChannels: fallback })).toEqual({ kind: "channels", channels: fallback, routedBy: "fallback" });
    expect(routeCase(base)).toEqual({ kind: "nobody" });
  });

  it("treats person id 0 as a person, not as missing", () => {
    expect(routeCase({ ...base, accountOwnerId: 0 })).toEqual({ kind: "person", personId: 0, routedBy: "account" });
  });
});

describe("transition", () => {
  it("claims an open case, also one routed to someone else", () => {
    expect(transition({ state: "open", ownerId: null }, { type: "claim", actorId: 7 })).toEqual({ ok: true, next: "claimed", ownerId: 7, outcome: null });
    expect(transition({ state: "open", ownerId: 3 }, { type: "claim", actorId: 7 })).toEqual({ ok: true, next: "claimed", ownerId: 7, outcome: null });
  });

  it("lets the owner claim twice (double click) but refuses anyone else", () => {
    expect(transition({ state: "claimed", ownerId: 7 }, { type: "claim", actorId: 7 })).toEqual({ ok: true, next: "claimed", ownerId: 7, outcome: null });
    expect(transition({ state: "claimed", ownerId: 7 }, { type: "claim", actorId: 8 })).toEqual({ ok: false, reason: "alreadyClaimed" });
  });

  it("resolves from open or claimed with a manual outcome", () => {
    for (const state of ["open", "claimed"] as const) {
      for (const outcome of ["recovered", "not_recovered", "no_contact"] as const) {
        expect(transition({ state, ownerId: 4 }, { type: "resolve", outcome })).toEqual({ ok: true, next: "resolved", ownerId: 4, outcome });
      }
    }
  });

  it("reserves score_changed for a lifted score", () => {
    expect(transition({ state: "claimed", ownerId: 4 }, { type: "resolve", outcome: "score_changed" })).toEqual({ ok: false, reason: "outcomeReserved" });
    expect(transition({ state: "open", ownerId: null }, { type: "scoreLifted" })).toEqual({ ok: true, next: "resolved", ownerId: null, outcome: "score_changed" });
    expect(transition({ state: "claimed", ownerId: 4 }, { type: "scoreLifted" })).toEqual({ ok: true, next: "resolved", ownerId: 4, outcome: "score_changed" });
  });

  it("hands over keeping the state", () => {
    expect(transition({ state: "open", ownerId: 1 }, { type: "handOver", toPersonId: 2 })).toEqual({ ok: true, next: "open", ownerId: 2, outcome: null });
    expect(transition({ state: "claimed", ownerId: 1 }, { type: "handOver", toPersonId: 2 })).toEqual({ ok: true, next: "claimed", ownerId: 2, outcome: null });
    expect(transition({ state: "open", ownerId: null }, { type: "handOver", toPersonId: 2 })).toMatchObject({ ok: true, ownerId: 2 });
    expect(transition({ state: "claimed", ownerId: 2 }, { type: "handOver", toPersonId: 2 })).toEqual({ ok: false, reason: "sameOwner" });
  });

  it("allows nothing after resolved", () => {
    const done = { state: "resolved" as const, ownerId: 4 };
    expect(transition(done, { type: "claim", actorId: 4 })).toEqual({ ok: false, reason: "alreadyResolved" });
    expect(transition(done, { type: "resolve", outcome: "recovered" })).toEqual({ ok: false, reason: "alreadyResolved" });
    expect(transition(done, { type: "handOver", toPersonId: 5 })).toEqual({ ok: false, reason: "alreadyResolved" });
    expect(transition(done, { type: "scoreLifted" })).toEqual({ ok: false, reason: "alreadyResolved" });
  });

  it("recognises outcome strings from the database", () => {
    expect(isOutcome("recovered")).toBe(true);
    expect(isOutcome("score_changed")).toBe(true);
    expect(isOutcome("Recovered")).toBe(false);
    expect(isManualOutcome("score_changed")).toBe(false);
    expect(isManualOutcome("no_contact")).toBe(true);
  });
});


describe("danishHolidays and easterSunday", () => {
  it.each([
    [2000, "2000-04-23"],
    [2019, "2019-04-21"],
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2027, "2027-03-28"],
    [2038, "2038-04-25"],
    [1818, "1818-03-22"],
  ])("Easter %i is %s", (year, date) => {
    const c = civilFromDays(easterSunday(year));
    expect(`${c.year}-${String(c.month).padStart(2, "0")}-${String(c.day).padStart(2, "0")}`).toBe(date);
  });

  it("lists 2026 in date order", () => {
    expect(danishHolidays(2026)).toEqual([
      { date: "2026-01-01", name: "nytårsdag" },
      { date: "2026-04-02", name: "skærtorsdag" },
      { date: "2026-04-03", name: "langfredag" },
      { date: "2026-04-05", name: "påskedag" },
      { date: "2026-04-06", name: "2. påskedag" },
      { date: "2026-05-14", name: "Kristi himmelfartsdag" },
      { date: "2026-05-24", name: "pinsedag" },
      { date: "2026-05-25", name: "2. pinsedag" },
      { date: "2026-06-05", name: "grundlovsdag" },
      { date: "2026-12-24", name: "juleaftensdag" },
      { date: "2026-12-25", name: "1. juledag" },
      { date: "2026-12-26", name: "2. juledag" },
    ]);
  });

  it("has store bededag until 2023 only", () => {
    expect(danishHolidays(2023).find((h) => h.name === "store bededag")?.date).toBe("2023-05-05");
    expect(danishHolidays(2024).some((h) => h.name === "store bededag")).toBe(false);
  });

  it("knows working days", () => {
    expect(isWorkingDay(daysFromCivil(2026, 11, 27))).toBe(true); // Friday
    expect(isWorkingDay(daysFromCivil(2026, 11, 28))).toBe(false); // Saturday
    expect(isWorkingDay(daysFromCivil(2026, 6, 5))).toBe(false); // grundlovsdag, a Friday
    expect(isWorkingDay(daysFromCivil(2026, 6, 5), { holidays: [] })).toBe(true);
  });
});

describe("addWorkingHours", () => {
  it("skips the weekend: Friday 15:00 + 24 h is Monday 15:00", () => {
    expect(iso(addWorkingHours(at("2026-11-27T14:00:00Z"), 24, CPH))).toBe("2026-11-30T14:00:00.000Z");
    expect(iso(addWorkingHours(at("2026-11-27T14:00:00Z"), 48, CPH))).toBe("2026-12-01T14:00:00.000Z");
  });

  it("counts within a day and across weekdays", () => {
    expect(iso(addWorkingHours(at("2026-11-25T09:00:00Z"), 3, CPH))).toBe("2026-11-25T12:00:00.000Z");
    expect(iso(addWorkingHours(at("2026-11-23T09:00:00Z"), 72, CPH))).toBe("2026-11-26T09:00:00.000Z");
    expect(iso(addWorkingHours(at("2026-11-27T22:00:00Z"), 1.5, CPH))).toBe("2026-11-29T23:30:00.000Z"); // Fri 23:00 → Mon 00:30
  });

  it("keeps wall time across DST (spring and autumn weekends)", () => {
    const spring = addWorkingHours(at("2026-03-27T09:00:00Z"), 24, CPH); // Fri 10:00 CET
    expect(iso(spring)).toBe("2026-03-30T08:00:00.000Z"); // Mon 10:00 CEST
    expect(spring.getTime() - at("2026-03-27T09:00:00Z").getTime()).toBe(71 * HOUR);
    expect(iso(addWorkingHours(at("2026-10-23T08:00:00Z"), 24, CPH))).toBe("2026-10-26T09:00:00.000Z"); // Fri 10:00 CEST → Mon 10:00 CET
    expect(iso(addWorkingHours(at("2026-03-06T14:00:00Z"), 24, "America/New_York", { holidays: [] }))).toBe("2026-03-09T13:00:00.000Z");
  });

  it("skips Danish holidays by default and custom ones when given", () => {
    // Wednesday before Easter 12:00 → skærtorsdag, langfredag, weekend, 2. påskedag → Tuesday 12:00
    expect(iso(addWorkingHours(at("2026-04-01T10:00:00Z"), 24, CPH))).toBe("2026-04-07T10:00:00.000Z");
    expect(iso(addWorkingHours(at("2026-04-01T10:00:00Z"), 24, CPH, { holidays: [] }))).toBe("2026-04-02T10:00:00.000Z");
    expect(iso(addWorkingHours(at("2026-12-23T08:00:00Z"), 24, CPH))).toBe("2026-12-28T08:00:00.000Z");
    expect(iso(addWorkingHours(at("2026-11-25T08:00:00Z"), 24, CPH, { holidays: ["2026-11-26"] }))).toBe("2026-11-27T08:00:00.000Z");
  });

  it("starts a weekend start at Monday midnight and never ends on a day off", () => {
    expect(iso(addWorkingHours(at("2026-11-28T09:00:00Z"), 2, CPH))).toBe("2026-11-30T01:00:00.000Z"); // Sat → Mon 02:00 local
    expect(iso(addWorkingHours(at("2026-11-28T09:00:00Z"), 0, CPH))).toBe("2026-11-29T23:00:00.000Z"); // Mon 00:00 local
    expect(iso(addWorkingHours(at("2026-11-26T23:00:00Z"), 24, CPH))).toBe("2026-11-29T23:00:00.000Z"); // Fri 00:00 + 24 → Mon 00:00
  });

  it("keeps milliseconds and rejects negative or non-finite hours", () => {
    expect(iso(addWorkingHours(at("2026-11-25T10:00:00.123Z"), 1, CPH))).toBe("2026-11-25T11:00:00.123Z");
    expect(() => addWorkingHours(at("2026-11-25T10:00:00Z"), -1, CPH)).toThrow(RangeError);
    expect(() => addWorkingHours(at("2026-11-25T10:00:00Z"), Number.NaN, CPH)).toThrow(RangeError);
  });
});

describe("dueReminders", () => {
  const rules = { remindAfterHours: 24, escalateAfterHours: 48, timeZone: CPH };
  const openedAt = at("2026-11-27T14:00:00Z"); // Friday 15:00
  const open = (over: Partial<{ state: CaseState; remindedAt: Date | null; escalatedAt: Date | null }> = {}) => ({
    state: "open" as CaseState,
    openedAt,
    remindedAt: null,
    escalatedAt: null,
    ...over,
  });

  it("waits over the weekend, reminds at 24 and escalates at 48 working hours", () => {
    expect(dueReminders(open(), at("2026-11-29T20:00:00Z"), rules)).toEqual({ remind: false, escalate: false }); // Sunday
    expect(dueReminders(open(), at("2026-11-30T13:59:59Z"), rules)).toEqual({ remind: false, escalate: false });
    expect(dueReminders(open(), at("2026-11-30T14:00:00Z"), rules)).toEqual({ remind: true, escalate: false });
    const reminded = open({ remindedAt: at("2026-11-30T14:00:00Z") });
    expect(dueReminders(reminded, at("2026-11-30T20:00:00Z"), rules)).toEqual({ remind: false, escalate: false });
    expect(dueReminders(reminded, at("2026-12-01T14:00:00Z"), rules)).toEqual({ remind: false, escalate: true });
  });

  it("sends each step once", () => {
    const both = open({ remindedAt: at("2026-11-30T14:00:00Z"), escalatedAt: at("2026-12-01T14:00:00Z") });
    expect(dueReminders(both, at("2026-12-10T10:00:00Z"), rules)).toEqual({ remind: false, escalate: false });
    const escalatedOnly = open({ escalatedAt: at("2026-12-01T14:00:00Z") });
    expect(dueReminders(escalatedOnly, at("2026-12-10T10:00:00Z"), rules)).toEqual({ remind: false, escalate: false });
  });

  it("sends only the escalation when both became due while the bot was down", () => {
    expect(dueReminders(open(), at("2026-12-02T09:00:00Z"), rules)).toEqual({ remind: false, escalate: true });
  });

  it("leaves claimed and resolved cases alone", () => {
    expect(dueReminders(open({ state: "claimed" }), at("2026-12-10T10:00:00Z"), rules)).toEqual({ remind: false, escalate: false });
    expect(dueReminders(open({ state: "resolved" }), at("2026-12-10T10:00:00Z"), rules)).toEqual({ remind: false, escalate: false });
  });

  it("uses the given holidays and defaults", () => {
    const wed = at("2026-04-01T10:00:00Z"); // Wednesday before Easter 12:00
    const c = { state: "open" as const, openedAt: wed, remindedAt: null, escalatedAt: null };
    expect(dueReminders(c, at("2026-04-02T10:00:00Z"), rules).remind).toBe(false); // skærtorsdag does not count
    expect(dueReminders(c, at("2026-04-02T10:00:00Z"), { ...rules, holidays: [] }).remind).toBe(true);
    expect(dueReminders(c, at("2026-04-07T10:00:00Z")).remind).toBe(true); // default rules: 24/48 h, Copenhagen
  });
});

describe("medianHours and closingRate", () => {
  it("computes the median in hours", () => {
    expect(medianHours([])).toBeNull();
    expect(medianHours([HOUR])).toBe(1);
    expect(medianHours([5 * HOUR, HOUR, 3 * HOUR])).toBe(3);
    expect(medianHours([HOUR, 2 * HOUR, 4 * HOUR, 30 * HOUR])).toBe(3);
    expect(medianHours([90 * 60_000])).toBe(1.5);
    expect(medianHours([20 * 60_000])).toBe(0.33);
  });

  it("does not reorder the caller's array and rejects bad durations", () => {
    const input = [3 * HOUR, HOUR];
    medianHours(input);
    expect(input).toEqual([3 * HOUR, HOUR]);
    expect(() => medianHours([HOUR, -1])).toThrow(RangeError);
    expect(() => medianHours([Number.NaN])).toThrow(RangeError);
  });

  it("gives the resolved share", () => {
    const s = (...states: CaseState[]) => states.map((state) => ({ state }));
    expect(closingRate([])).toBeNull();
    expect(closingRate(s("resolved", "resolved", "claimed", "resolved"))).toBe(0.75);
    expect(closingRate(s("resolved", "open", "claimed"))).toBe(0.3333);
    expect(closingRate(s("open", "claimed"))).toBe(0);
    expect(closingRate(s("resolved"))).toBe(1);
  });
});
