/**
 * Net Promoter Score arithmetic. Pure functions, no I/O.
 *
 * Figures are rounded to 2 decimals here (half away from zero) so every face
 * (Slack, Teams, console) reports the same numbers; display rounding to whole
 * points happens only in formatNps/formatMargin.
 */

export type Category = "promoter" | "passive" | "detractor";

/** The NPS scale and its buckets: 0–6 detractors, 7–8 passives, 9–10 promoters. The one place
 * these numbers live; the database counts (store/answer-counts.ts) fold scores with them too. */
export const MIN_SCORE = 0;
export const MAX_SCORE = 10;
export const DETRACTOR_MAX = 6;
export const PROMOTER_MIN = 9;

export interface ScoreCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

export interface NpsFigures {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** -100..100, 2 decimals; null when there are no answers */
  nps: number | null;
  /** half-width of the 95% confidence interval in NPS points, 2 decimals */
  marginOfError: number | null;
  tooFewAnswers: boolean;
}

export interface Comparison {
  /** the previous period's NPS */
  nps: number | null;
  /** current − previous, 2 decimals */
  delta: number | null;
  significant: boolean;
}

/** z for a two-sided 95% interval */
const Z95 = 1.96;

export function classify(score: number): Category {
  if (!Number.isInteger(score) || score < MIN_SCORE || score > MAX_SCORE) {
    throw new RangeError(`NPS score must be an integer ${MIN_SCORE}–${MAX_SCORE}, got ${String(score)}`);
  }
  if (score >= PROMOTER_MIN) return "promoter";
  if (score > DETRACTOR_MAX) return "passive";
  return "detractor";
}

function assertCount(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative integer, got ${String(value)}`);
  }
}

/** Folds the per-score rows the database returns (score 0..10 → count) into categories. */
export function countsFromHistogram(rows: Iterable<{ score: number; count: number }>): ScoreCounts {
  const counts: ScoreCounts = { promoters: 0, passives: 0, detractors: 0 };
  for (const { score, count } of rows) {
    assertCount(count, `count for score ${score}`);
    switch (classify(score)) {
      case "promoter":
        counts.promoters += count;
        break;
      case "passive":
        counts.passives += count;
        break;
      case "detractor":
        counts.detractors += count;
        break;
    }
  }
  return counts;
}

/**
 * Rounds to 2 decimals, half away from zero. toPrecision(15) first strips
 * binary noise (e.g. 1.005 * 100 = 100.49999999999999) so true halves round up.
 */
export function round2(value: number): number {
  if (!Number.isFinite(value)) return value;
  const hundredths = Math.round(Number((Math.abs(value) * 100).toPrecision(15)));
  if (hundredths === 0) return 0; // never -0
  return (Math.sign(value) * hundredths) / 100;
}

/** Exact rounding of 100·num/den to 2 decimals using integers only (den > 0). */
function ratioPercent2(num: number, den: number): number {
  const abs = Math.abs(num);
  // hundredths of a point = round(10000·abs/den), half up on the absolute value
  const hundredths = Math.floor((2 * 10000 * abs + den) / (2 * den));
  if (hundredths === 0) return 0;
  return (Math.sign(num) * hundredths) / 100;
}

export function computeNps(counts: ScoreCounts, minResponses = 30): NpsFigures {
  const { promoters, passives, detractors } = counts;
  assertCount(promoters, "promoters");
  assertCount(passives, "passives");
  assertCount(detractors, "detractors");
  const n = promoters + passives + detractors;
  const base = { responses: n, promoters, passives, detractors, tooFewAnswers: n < minResponses };
  if (n === 0) return { ...base, nps: null, marginOfError: null, tooFewAnswers: true };

  const nps = ratioPercent2(promoters - detractors, n);

  // Var = [(p+d) − (p−d)²]/n with p = P/n, d = D/n, i.e. ((P+D)·n − (P−D)²)/n³.
  // The integer numerator keeps the 0 case (all promoters, say) exactly 0.
  const diff = promoters - detractors;
  const numerator = Math.max(0, (promoters + detractors) * n - diff * diff);
  const variance = numerator / (n * n * n);
  const marginOfError = round2(Z95 * 100 * Math.sqrt(variance));

  return { ...base, nps, marginOfError };
}

/** Converts a 2-decimal figure to integer hundredths so subtraction is exact. */
function toHundredths(value: number): number {
  return Math.round(value * 100);
}

export function compareNps(current: NpsFigures, previous: NpsFigures): Comparison {
  if (current.nps === null || previous.nps === null) {
    return { nps: previous.nps, delta: null, significant: false };
  }
  const deltaHundredths = toHundredths(current.nps) - toHundredths(previous.nps);
  const delta = deltaHundredths === 0 ? 0 : deltaHundredths / 100;
  // The two periods are independent samples, so the variance of the difference
  // is the sum of the variances; each margin is 1.96·√Var, hence the combined
  // 95% margin is √(m1² + m2²) (not m1 + m2, which would be too conservative).
  const m1 = current.marginOfError ?? 0;
  const m2 = previous.marginOfError ?? 0;
  const combined = Math.sqrt(m1 * m1 + m2 * m2);
  return { nps: previous.nps, delta, significant: Math.abs(delta) > combined };
}

/** Integer rounding half away from zero without producing -0. */
function roundInt(value: number): number {
  const r = Math.round(Number(Math.abs(value).toPrecision(15)));
  return r === 0 ? 0 : Math.sign(value) * r;
}

/** "+33", "-12", "0"; "–" (en dash) when there is no figure. ASCII minus on purpose: copy-paste safe. */
export function formatNps(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return "–";
  const r = roundInt(value);
  if (r > 0) return `+${r}`;
  return String(r);
}

/** "±12"; "–" when there is no figure. */
export function formatMargin(margin: number | null): string {
  if (margin === null || !Number.isFinite(margin)) return "–";
  return `±${roundInt(Math.abs(margin))}`;
}
