import { describe, expect, it } from "vitest";
import {
  classify,
  compareNps,
  computeNps,
  countsFromHistogram,
  formatMargin,
  formatNps,
  round2,
  type NpsFigures,
} from "../../src/core/nps.ts";

const counts = (promoters: number, passives: number, detractors: number) => ({ promoters, passives, detractors });

/** Hand-built figures for comparison tests, so margins are exactly what the test says. */
function figures(nps: number | null, marginOfError: number | null, responses = 100): NpsFigures {
  return { responses, promoters: 0, passives: 0, detractors: 0, nps, marginOfError, tooFewAnswers: false };
}

describe("classify", () => {
  it.each([
    [0, "detractor"],
    [1, "detractor"],
    [2, "detractor"],
    [3, "detractor"],
    [4, "detractor"],
    [5, "detractor"],
    [6, "detractor"],
    [7, "passive"],
    [8, "passive"],
    [9, "promoter"],
    [10, "promoter"],
  ] as const)("score %i is a %s", (score, category) => {
    expect(classify(score)).toBe(category);
  });

  it.each([-1, 11, 7.5, 0.1, 10.0001, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    "rejects %s with a RangeError",
    (score) => {
      expect(() => classify(score)).toThrow(RangeError);
    },
  );
});

describe("countsFromHistogram", () => {
  it("folds a full 0..10 histogram into categories", () => {
    const rows = Array.from({ length: 11 }, (_, score) => ({ score, count: score + 1 }));
    // detractors 1+2+…+7 = 28, passives 8+9 = 17, promoters 10+11 = 21
    expect(countsFromHistogram(rows)).toEqual(counts(21, 17, 28));
  });

  it("returns zeros for no rows", () => {
    expect(countsFromHistogram([])).toEqual(counts(0, 0, 0));
  });

  it("adds up repeated scores and accepts any iterable", () => {
    function* rows() {
      yield { score: 10, count: 2 };
      yield { score: 10, count: 3 };
      yield { score: 7, count: 0 };
      yield { score: 0, count: 4 };
    }
    expect(countsFromHistogram(rows())).toEqual(counts(5, 0, 4));
  });

  it.each([
    [{ score: 11, count: 1 }],
    [{ score: -1, count: 1 }],
    [{ score: 8.5, count: 1 }],
    [{ score: 5, count: -1 }],
    [{ score: 5, count: 1.5 }],
    [{ score: 5, count: Number.NaN }],
  ])("rejects bad row %o", (row) => {
    expect(() => countsFromHistogram([row])).toThrow(RangeError);
  });
});

describe("computeNps", () => {
  it("matches the hand-computed 50/30/20 example", () => {
    // NPS = 50 − 20 = 30; Var = (0.7 − 0.3²)/100 = 0.0061; 1.96·100·√0.0061 = 15.308…
    expect(computeNps(counts(50, 30, 20))).toEqual({
      responses: 100,
      promoters: 50,
      passives: 30,
      detractors: 20,
      nps: 30,
      marginOfError: 15.31,
      tooFewAnswers: false,
    });
  });

  it("computes other hand-checked margins", () => {
    // p = d = 0.5: Var = (1 − 0)/100 = 0.01 → 1.96·100·0.1 = 19.6
    expect(computeNps(counts(50, 0, 50))).toMatchObject({ nps: 0, marginOfError: 19.6 });
    // 40/40/20: Var = (0.6 − 0.04)/100 = 0.0056 → 196·0.074833… = 14.667…
    expect(computeNps(counts(40, 40, 20))).toMatchObject({ nps: 20, marginOfError: 14.67 });
    // 30/30/40: Var = (0.7 − 0.01)/100 = 0.0069 → 196·0.083066… = 16.281…
    expect(computeNps(counts(30, 30, 40))).toMatchObject({ nps: -10, marginOfError: 16.28 });
  });

  it("has zero margin when everybody agrees", () => {
    expect(computeNps(counts(40, 0, 0))).toMatchObject({ nps: 100, marginOfError: 0 });
    expect(computeNps(counts(0, 0, 40))).toMatchObject({ nps: -100, marginOfError: 0 });
    expect(computeNps(counts(0, 40, 0))).toMatchObject({ nps: 0, marginOfError: 0 });
  });

  it("rounds thirds to 2 decimals without floating artefacts", () => {
    const third = computeNps(counts(1, 2, 0));
    expect(third.nps).toBe(33.33);
    expect(String(third.nps)).toBe("33.33");
    // Var = (1/3 − 1/9)/3 = 2/27 → 196·0.272165… = 53.344…
    expect(third.marginOfError).toBe(53.34);
    expect(computeNps(counts(2, 1, 0)).nps).toBe(66.67);
    expect(computeNps(counts(0, 1, 2)).nps).toBe(-66.67);
    expect(computeNps(counts(0, 2, 1)).nps).toBe(-33.33);
    expect(String(computeNps(counts(1, 5, 0)).nps)).toBe("16.67");
    expect(String(computeNps(counts(1, 6, 0)).nps)).toBe("14.29");
  });

  it("rounds exact halves away from zero on both sides", () => {
    // 100/32 = 3.125 exactly → 3.13 and −3.13 (Math.round alone would give −3.12)
    expect(computeNps(counts(1, 31, 0)).nps).toBe(3.13);
    expect(computeNps(counts(0, 31, 1)).nps).toBe(-3.13);
    // 100/160 = 0.625 → ±0.63
    expect(computeNps(counts(1, 159, 0)).nps).toBe(0.63);
    expect(computeNps(counts(0, 159, 1)).nps).toBe(-0.63);
    // 100/16 = 6.25 needs no rounding
    expect(computeNps(counts(0, 15, 1)).nps).toBe(-6.25);
  });

  it("never reports -0", () => {
    const tiny = computeNps(counts(0, 20000, 1)); // −0.004999… rounds to 0
    expect(Object.is(tiny.nps, 0)).toBe(true);
    expect(Object.is(computeNps(counts(5, 0, 5)).nps, 0)).toBe(true);
  });

  it("handles no answers", () => {
    expect(computeNps(counts(0, 0, 0))).toEqual({
      responses: 0,
      promoters: 0,
      passives: 0,
      detractors: 0,
      nps: null,
      marginOfError: null,
      tooFewAnswers: true,
    });
    expect(computeNps(counts(0, 0, 0), 0).tooFewAnswers).toBe(true);
  });

  it("flags too few answers below minResponses (default 30)", () => {
    expect(computeNps(counts(10, 10, 9)).tooFewAnswers).toBe(true); // 29
    expect(computeNps(counts(10, 10, 10)).tooFewAnswers).toBe(false); // 30
    expect(computeNps(counts(2, 1, 1), 5).tooFewAnswers).toBe(true);
    expect(computeNps(counts(2, 2, 1), 5).tooFewAnswers).toBe(false);
    expect(computeNps(counts(1, 0, 0), 1).tooFewAnswers).toBe(false);
    // still computed even when flagged
    expect(computeNps(counts(10, 10, 9)).nps).toBe(3.45);
  });

  it("rejects negative or fractional counts", () => {
    expect(() => computeNps(counts(-1, 0, 0))).toThrow(RangeError);
    expect(() => computeNps(counts(0, 0.5, 0))).toThrow(RangeError);
  });
});

describe("round2", () => {
  it("rounds half away from zero despite binary noise", () => {
    expect(round2(1.005)).toBe(1.01);
    expect(round2(-1.005)).toBe(-1.01);
    expect(round2(2.675)).toBe(2.68);
    expect(round2(33.330000001)).toBe(33.33);
    expect(Object.is(round2(-0.004), 0)).toBe(true);
  });
});

describe("compareNps", () => {
  it("reports a significant change", () => {
    const current = computeNps(counts(50, 30, 20)); // 30 ± 15.31
    const previous = computeNps(counts(30, 30, 40)); // −10 ± 16.28
    // combined margin √(15.31² + 16.28²) ≈ 22.35 < 40
    expect(compareNps(current, previous)).toEqual({ nps: -10, delta: 40, significant: true });
  });

  it("reports a change within the noise as not significant", () => {
    const current = computeNps(counts(50, 30, 20)); // 30 ± 15.31
    const previous = computeNps(counts(40, 40, 20)); // 20 ± 14.67
    expect(compareNps(current, previous)).toEqual({ nps: 20, delta: 10, significant: false });
    expect(compareNps(previous, current)).toEqual({ nps: 30, delta: -10, significant: false });
  });

  it("uses √(m1² + m2²), strictly greater than", () => {
    // margins 6 and 8 combine to exactly 10
    expect(compareNps(figures(10, 6), figures(0, 8)).significant).toBe(false);
    expect(compareNps(figures(10.01, 6), figures(0, 8)).significant).toBe(true);
    expect(compareNps(figures(-10.01, 6), figures(0, 8)).significant).toBe(true);
    // 13 < 6 + 8 = 14, so adding margins would wrongly call this noise
    expect(compareNps(figures(13, 6), figures(0, 8)).significant).toBe(true);
  });

  it("subtracts exactly to 2 decimals", () => {
    expect(compareNps(figures(33.33, 1), figures(66.67, 1)).delta).toBe(-33.34);
    expect(compareNps(figures(33.33, 1), figures(11.11, 1)).delta).toBe(22.22);
    expect(compareNps(figures(0.3, 1), figures(0.1, 1)).delta).toBe(0.2);
    expect(Object.is(compareNps(figures(5, 1), figures(5, 1)).delta, 0)).toBe(true);
  });

  it("gives null/false when either side has no answers", () => {
    const empty = computeNps(counts(0, 0, 0));
    const some = computeNps(counts(50, 30, 20));
    expect(compareNps(some, empty)).toEqual({ nps: null, delta: null, significant: false });
    expect(compareNps(empty, some)).toEqual({ nps: 30, delta: null, significant: false });
    expect(compareNps(empty, empty)).toEqual({ nps: null, delta: null, significant: false });
  });
});

describe("formatNps / formatMargin", () => {
  it.each([
    [33.33, "+33"],
    [66.67, "+67"],
    [100, "+100"],
    [0.5, "+1"],
    [2.5, "+3"],
    [0.4, "0"],
    [0, "0"],
    [-0, "0"],
    [-0.4, "0"],
    [-0.5, "-1"],
    [-12, "-12"],
    [-12.5, "-13"],
    [-100, "-100"],
    [null, "–"],
  ] as const)("formatNps(%s) = %s", (value, text) => {
    expect(formatNps(value)).toBe(text);
  });

  it("uses an ASCII hyphen for negatives", () => {
    expect(formatNps(-12).charCodeAt(0)).toBe(0x2d);
  });

  it.each([
    [15.31, "±15"],
    [15.5, "±16"],
    [0, "±0"],
    [null, "–"],
  ] as const)("formatMargin(%s) = %s", (value, text) => {
    expect(formatMargin(value)).toBe(text);
  });
});
