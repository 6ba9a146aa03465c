import { describe, expect, it } from "vitest";
import { AT_RISK_BAND, FORECAST_MAX_UNCERTAINTY, forecastIsShown, forecastUncertainty, goalProgress, linearForecast, parseGoalCommand, type GoalInput } from "../../src/core/goals.ts";

const at = (iso: string) => new Date(iso);

describe("linearForecast", () => {
  it("extrapolates a straight line exactly", () => {
    const pts = [
      { at: at("2026-01-01T00:00:00Z"), nps: 10 },
      { at: at("2026-01-11T00:00:00Z"), nps: 20 },
      { at: at("2026-01-21T00:00:00Z"), nps: 30 },
    ];
    expect(linearForecast(pts, at("2026-01-31T00:00:00Z"))).toBe(40);
    expect(linearForecast(pts, at("2026-01-16T00:00:00Z"))).toBe(25);
  });

  it("fits the least-squares line through scattered points", () => {
    // x = 0, 10, 20 days; y = 10, 30, 20 → slope 0.5/day through (10, 20)
    const pts = [
      { at: at("2026-01-01T00:00:00Z"), nps: 10 },
      { at: at("2026-01-11T00:00:00Z"), nps: 30 },
      { at: at("2026-01-21T00:00:00Z"), nps: 20 },
    ];
    expect(linearForecast(pts, at("2026-01-31T00:00:00Z"))).toBe(30);
  });

  it("skips months without a figure and needs three points", () => {
    const pts = [
      { at: at("2026-01-01T00:00:00Z"), nps: 10 },
      { at: at("2026-01-06T00:00:00Z"), nps: null },
      { at: at("2026-01-11T00:00:00Z"), nps: 20 },
    ];
    expect(linearForecast(pts, at("2026-02-01T00:00:00Z"))).toBeNull();
    expect(linearForecast([...pts, { at: at("2026-01-21T00:00:00Z"), nps: 30 }], at("2026-01-31T00:00:00Z"))).toBe(40);
  });

  it("clamps to −100..100 and refuses points at one instant", () => {
    const steep = [0, 1, 2].map((d) => ({ at: at(`2026-01-0${d + 1}T00:00:00Z`), nps: 40 * d }));
    expect(linearForecast(steep, at("2026-12-31T00:00:00Z"))).toBe(100);
    expect(linearForecast(steep.map((p) => ({ ...p, nps: -p.nps })), at("2026-12-31T00:00:00Z"))).toBe(-100);
    const same = [5, 10, 15].map((nps) => ({ at: at("2026-01-01T00:00:00Z"), nps }));
    expect(linearForecast(same, at("2026-02-01T00:00:00Z"))).toBeNull();
  });
});

describe("goalProgress", () => {
  // Support's 2026 goal: NPS 40 by the end of the year, at least 30 answers.
  const goal: GoalInput = {
    targetNps: 40,
    minResponses: 30,
    startsAt: at("2025-12-31T23:00:00Z"),
    dueAt: at("2026-12-31T22:59:59.999Z"),
    baselineNps: 22,
  };
  const monthly = (values: (number | null)[]) =>
    values.map((nps, i) => ({ at: at(`2026-${String(i + 1).padStart(2, "0")}-01T00:00:00Z`), nps }));
  const mid = at("2026-07-02T10:00:00Z");

  it("reports the figures", () => {
    const p = goalProgress(goal, { nps: 31.5, responses: 120 }, monthly([22, 25, 27, 30, 31, 33]), mid);
    expect(p.targetNps).toBe(40);
    expect(p.currentNps).toBe(31.5);
    expect(p.gap).toBe(8.5);
    expect(p.change).toBe(9.5);
    expect(p.elapsedShare).toBeCloseTo(0.5, 2);
    expect(p.daysLeft).toBe(183);
    expect(p.enoughAnswers).toBe(true);
    expect(p.reachedNow).toBe(false);
    expect(p.forecastNps).toBe(48.91); // least squares over the day offsets, read at 31 Dec 23:59:59.999
    expect(p.status).toBe("on_track");
  });

  it("shows a forecast only when its prediction interval and the current margin are both narrow enough", () => {
    // A steady rise: the line is sure of itself, and ±9 on the current figure allows it.
    const steady = monthly([22, 25, 27, 30, 31, 33]);
    expect(forecastUncertainty(steady, goal.dueAt)!).toBeLessThanOrEqual(FORECAST_MAX_UNCERTAINTY);
    expect(goalProgress(goal, { nps: 31.5, responses: 120, marginOfError: 9 }, steady, mid).forecastNps).toBe(48.91);
    // The same line beside "+35 ±29" is not shown: the forecast cannot be surer than the figure.
    const wide = goalProgress(goal, { nps: 35, responses: 40, marginOfError: 29 }, steady, mid);
    expect(wide.forecastNps).toBeNull();
    expect(wide.status).toBe("at_risk"); // decided by the current figure (within the band below 40)
    // Months that jump about: the line's own interval is far wider than the limit.
    const jumpy = monthly([10, 60, 0, 70, 5, 80]);
    expect(forecastUncertainty(jumpy, goal.dueAt)!).toBeGreaterThan(FORECAST_MAX_UNCERTAINTY);
    expect(goalProgress(goal, { nps: 42, responses: 500, marginOfError: 5 }, jumpy, mid).forecastNps).toBeNull();
    // Three points leave one degree of freedom: any scatter at all hides the forecast.
    expect(forecastIsShown(forecastUncertainty(monthly([20, 25, 27]), goal.dueAt), 5)).toBe(false);
    expect(forecastIsShown(null, 5)).toBe(false);
    expect(forecastIsShown(FORECAST_MAX_UNCERTAINTY, FORECAST_MAX_UNCERTAINTY)).toBe(true);
    expect(forecastIsShown(FORECAST_MAX_UNCERTAINTY + 0.01, 0)).toBe(false);
  });

  it("is at risk when the trend ends just under the target, off track further below", () => {
    const flat = (v: number) => monthly([v, v, v, v, v, v]);
    expect(goalProgress(goal, { nps: 36, responses: 100 }, flat(36), mid)).toMatchObject({ forecastNps: 36, status: "at_risk" });
    expect(goalProgress(goal, { nps: 35, responses: 100 }, flat(40 - AT_RISK_BAND), mid).status).toBe("at_risk");
    expect(goalProgress(goal, { nps: 34, responses: 100 }, flat(34.99), mid).status).toBe("off_track");
    expect(goalProgress(goal, { nps: 40, responses: 100 }, flat(40), mid).status).toBe("on_track");
  });

  it("trusts the trend over the current figure: reached now but falling fast is off track", () => {
    const p = goalProgress(goal, { nps: 42, responses: 100 }, monthly([60, 55, 50, 46, 44, 42]), mid);
    expect(p.reachedNow).toBe(true);
    expect(p.status).toBe("off_track");
  });

  it("uses the current figure when there is no trend yet", () => {
    const few = monthly([30, null]);
    expect(goalProgress(goal, { nps: 45, responses: 40 }, few, mid)).toMatchObject({ forecastNps: null, status: "on_track", reachedNow: true });
    expect(goalProgress(goal, { nps: 45, responses: 12 }, few, mid)).toMatchObject({ status: "at_risk", enoughAnswers: false, reachedNow: false });
    expect(goalProgress(goal, { nps: 36, responses: 40 }, few, mid).status).toBe("at_risk");
    expect(goalProgress(goal, { nps: 20, responses: 40 }, few, mid).status).toBe("off_track");
    expect(goalProgress(goal, { nps: null, responses: 0 }, few, mid)).toMatchObject({ status: "unknown", gap: null, change: null });
  });

  it("decides achieved or missed once the due date has passed", () => {
    const after = at("2027-01-05T10:00:00Z");
    const rising = monthly([10, 20, 30, 40, 50, 60]);
    expect(goalProgress(goal, { nps: 41, responses: 300 }, rising, after)).toMatchObject({ status: "achieved", daysLeft: 0, elapsedShare: 1 });
    expect(goalProgress(goal, { nps: 41, responses: 10 }, rising, after).status).toBe("off_track"); // too few answers to count
    expect(goalProgress(goal, { nps: 39.99, responses: 300 }, rising, after).status).toBe("off_track");
    expect(goalProgress(goal, { nps: null, responses: 0 }, rising, after).status).toBe("unknown");
    expect(goalProgress(goal, { nps: 40, responses: 30 }, [], goal.dueAt).status).toBe("achieved");
  });

  it("never says achieved before the due date", () => {
    const p = goalProgress(goal, { nps: 70, responses: 500 }, monthly([70, 70, 70]), at("2026-12-31T22:59:59.998Z"));
    expect(p.status).toBe("on_track");
    expect(p.daysLeft).toBe(1);
  });

  it("counts days left as whole days and clamps the elapsed share", () => {
    const before = at("2025-12-01T00:00:00Z");
    expect(goalProgress(goal, { nps: null, responses: 0 }, [], before)).toMatchObject({ elapsedShare: 0, daysLeft: 396 });
    const noMin = { ...goal, minResponses: null };
    expect(goalProgress(noMin, { nps: 50, responses: 1 }, [], mid).enoughAnswers).toBe(true);
    expect(goalProgress(noMin, { nps: null, responses: 0 }, [], mid).enoughAnswers).toBe(false);
    expect(goalProgress({ ...goal, baselineNps: null }, { nps: 30, responses: 50 }, [], mid).change).toBeNull();
  });
});

describe("parseGoalCommand", () => {
  const now = at("2026-11-18T10:00:00Z"); // Wednesday 18 Nov 2026, 11:00 in Copenhagen
  const ok = (words: string[], tz?: string) => {
    const r = parseGoalCommand(words, now, tz);
    if (!r.ok) throw new Error(`expected ok: ${r.error.en}`);
    return { ...r, dueAt: r.dueAt.toISOString() };
  };
  const err = (words: string[]) => {
    const r = parseGoalCommand(words, now);
    if (r.ok) throw new Error(`expected an error for ${words.join(" ")}`);
    return r.error;
  };

  it("reads the Danish example", () => {
    expect(ok(["mål", "support", "45", "2027-11-30"])).toEqual({
      ok: true, team: "support", targetNps: 45, dueAt: "2027-11-30T22:59:59.999Z", minResponses: null,
    });
  });

  it("reads team names of several words, +target, dd-mm-yyyy and min", () => {
    expect(ok(["goal", "Salg", "Nord", "+40", "31-12-2026", "min", "30"])).toEqual({
      ok: true, team: "Salg Nord", targetNps: 40, dueAt: "2026-12-31T22:59:59.999Z", minResponses: 30,
    });
    expect(ok(["Økonomi", "−20", "30.06.2027", "minimum", "50"])).toMatchObject({ team: "Økonomi", targetNps: -20, dueAt: "2027-06-30T21:59:59.999Z", minResponses: 50 });
    expect(ok(["support", "-0", "2027-01-31"]).targetNps).toBe(0);
    expect(Object.is(ok(["support", "-0", "2027-01-31"]).targetNps, -0)).toBe(false);
    expect(ok(["MÅL", "web", "100", "1/1/2027", "min.", "5"])).toMatchObject({ team: "web", targetNps: 100, minResponses: 5 });
  });

  it("ends the goal at the end of that local day", () => {
    expect(ok(["support", "30", "2026-11-18"]).dueAt).toBe("2026-11-18T22:59:59.999Z"); // today still counts
    expect(ok(["support", "30", "2027-03-28"], "America/New_York").dueAt).toBe("2027-03-29T03:59:59.999Z");
  });

  it.each([
    [["mål", "support", "101", "2027-11-30"], "mellem -100 og 100", "between -100 and 100"],
    [["mål", "support", "-101", "2027-11-30"], "mellem -100 og 100", "between -100 and 100"],
    [["mål", "support", "45,5", "2027-11-30"], "ikke et helt tal", "not a whole number"],
    [["mål", "support", "høj", "2027-11-30"], "ikke et helt tal", "not a whole number"],
    [["mål", "support", "45", "2027-02-30"], "ikke en gyldig dato", "not a valid date"],
    [["mål", "support", "45", "næste år"], "ikke en gyldig dato", "not a valid date"],
    [["mål", "support", "45", "2026-11-17"], "allerede passeret", "already passed"],
    [["mål", "support", "45", "2032-01-01"], "mere end 5 år", "more than 5 years"],
    [["mål", "support", "45"], "mangler", "missing"],
    [["mål"], "mangler", "missing"],
    [["mål", "support", "45", "2027-11-30", "min"], "antal svar", "number of answers"],
    [["mål", "support", "45", "2027-11-30", "min", "0"], "antal svar", "number of answers"],
    [["mål", "support", "45", "2027-11-30", "min", "30", "tak"], "antal svar", "number of answers"],
  ])("%j is refused", (words, da, en) => {
    const e = err(words);
    expect(e.da).toContain(da);
    expect(e.en).toContain(en);
    expect(e.da).toContain("mål support 45 2027-11-30");
    expect(e.en).toContain("goal support 45 2027-11-30");
  });
});
