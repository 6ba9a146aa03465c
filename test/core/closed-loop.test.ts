import { describe, expect, it } from "vitest";
import { closedLoop, type LoopCase } from "../../src/core/closed-loop.ts";

const TZ = "Europe/Copenhagen";
const at = (iso: string) => new Date(iso);
// Monday 30 November – Monday 7 December 2026 (local), no holidays
const week = { from: at("2026-11-29T23:00:00Z"), to: at("2026-12-06T23:00:00Z") };

function c(opened: string, claimed: string | null, resolved: string | null, outcome: string | null = null): LoopCase {
  return { openedAt: at(opened), claimedAt: claimed ? at(claimed) : null, resolvedAt: resolved ? at(resolved) : null, outcome };
}

describe("closedLoop", () => {
  it("counts opened and closed in the window, outcomes of the closed", () => {
    const cases = [
      c("2026-11-20T09:00:00Z", "2026-11-20T10:00:00Z", "2026-12-01T09:00:00Z", "recovered"), // opened before, closed in
      c("2026-11-30T09:00:00Z", "2026-11-30T11:00:00Z", "2026-11-30T15:00:00Z", "not_recovered"),
      c("2026-12-02T09:00:00Z", null, null),
      c("2026-12-08T09:00:00Z", null, null), // after the window
    ];
    const r = closedLoop(cases, week, at("2026-12-07T08:00:00Z"), TZ);
    expect(r.opened).toBe(2);
    expect(r.closed).toBe(2);
    expect(r.outcomes).toEqual({ recovered: 1, not_recovered: 1, no_contact: 0, score_changed: 0 });
    expect(r.medianHoursToClaim).toBe(2);
  });

  it("judges the 48-working-hour promise only when met or past, and no_contact is not contact", () => {
    const cases = [
      // Monday 10:00 local, resolved Tuesday: in time
      c("2026-11-30T09:00:00Z", "2026-11-30T09:30:00Z", "2026-12-01T09:00:00Z", "recovered"),
      // Monday, resolved the next Monday: too late (deadline Wednesday 10:00)
      c("2026-11-30T09:00:00Z", "2026-11-30T09:30:00Z", "2026-12-07T09:00:00Z", "recovered"),
      // Tuesday, resolved in time but without contact
      c("2026-12-01T09:00:00Z", "2026-12-01T09:30:00Z", "2026-12-01T12:00:00Z", "no_contact"),
      // Friday 10:00 local, still open on Saturday: deadline is Tuesday, not judged yet
      c("2026-12-04T09:00:00Z", null, null),
    ];
    const r = closedLoop(cases, week, at("2026-12-05T12:00:00Z"), TZ);
    // the late one and the no_contact one have passed their deadlines; Friday's has not
    expect(r.contactJudged).toBe(3);
    expect(r.contactedInTime).toBe(1);
    expect(r.contactedShare).toBe(0.3333);
    const later = closedLoop(cases, week, at("2026-12-09T12:00:00Z"), TZ);
    expect(later.contactJudged).toBe(4);
    expect(later.contactedInTime).toBe(1);
    expect(later.contactedShare).toBe(0.25);
  });

  it("says null rather than 0 when there is nothing to judge", () => {
    const r = closedLoop([], week, at("2026-12-07T08:00:00Z"), TZ);
    expect(r).toMatchObject({ opened: 0, closed: 0, medianHoursToClaim: null, contactedShare: null, contactJudged: 0 });
  });

  it("takes a custom promise and holidays", () => {
    const cases = [c("2026-11-30T09:00:00Z", null, "2026-12-01T12:00:00Z", "recovered")];
    const tight = closedLoop(cases, week, at("2026-12-07T08:00:00Z"), TZ, { contactHours: 8 });
    expect(tight.contactedInTime).toBe(0);
    // Tuesday a holiday: 24 working hours from Monday 10:00 end on Wednesday 10:00
    const holiday = closedLoop(cases, week, at("2026-12-07T08:00:00Z"), TZ, { contactHours: 24, holidays: ["2026-12-01"] });
    expect(holiday.contactedInTime).toBe(1);
  });
});
