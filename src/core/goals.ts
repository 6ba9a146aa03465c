/**
 * Team loyalty goals: how far a team is from its target NPS, where the trend
 * points, and the chat command that sets a goal.
 */
import { round2 } from "./nps.ts";
import { DEFAULT_TIME_ZONE } from "./periods.ts";
import type { Texts } from "./language.ts";
import { civilFromDays, daysFromCivil, zonedParts, zonedToUtc } from "./timezone.ts";

export interface GoalInput {
  targetNps: number;
  /** answers needed before the current figure counts; null = any answer */
  minResponses: number | null;
  startsAt: Date;
  dueAt: Date;
  baselineNps: number | null;
}

export type GoalStatus = "achieved" | "on_track" | "at_risk" | "off_track" | "unknown";

export interface GoalProgress {
  targetNps: number;
  currentNps: number | null;
  /** target − current: points still to go (≤ 0 = at or above target); null without a figure */
  gap: number | null;
  /** current − baseline; null when either is missing */
  change: number | null;
  /** share of the goal's time that has passed, 0..1 */
  elapsedShare: number;
  /** whole days until dueAt (a part day counts as one), 0 once due */
  daysLeft: number;
  /**
   * trend line through the history, read at dueAt, clamped to −100..100; null with < 3 points
   * or when it is too uncertain to show (see forecastIsShown)
   */
  forecastNps: number | null;
  /** half-width of the forecast's 95 % prediction interval in points; null without a line */
  forecastUncertainty: number | null;
  status: GoalStatus;
  /** current ≥ target with enough answers — "reached so far", even before the due date */
  reachedNow: boolean;
  enoughAnswers: boolean;
}

/** A forecast this close below the target is "at risk" rather than "off track". */
export const AT_RISK_BAND = 5;
const DAY_MS = 86_400_000;

/** Least-squares line through (time, nps) of the points that have a figure; null with < 3 points or no spread in time. */
function fitLine(points: { at: Date; nps: number | null }[]) {
  const pts = points.filter((p): p is { at: Date; nps: number } => p.nps !== null && Number.isFinite(p.nps));
  if (pts.length < 3) return null;
  const x0 = pts[0]!.at.getTime();
  // Time in days so the sums stay small.
  const xs = pts.map((p) => (p.at.getTime() - x0) / DAY_MS);
  const ys = pts.map((p) => p.nps);
  const n = pts.length;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  const sxx = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  if (sxx === 0) return null; // all points at one instant: no direction
  const slope = xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0) / sxx;
  return { xs, ys, n, mx, sxx, dayOf: (at: Date) => (at.getTime() - x0) / DAY_MS, valueAt: (x: number) => my + slope * (x - mx) };
}

/** The least-squares line read at `at`, clamped to −100..100. */
export function linearForecast(points: { at: Date; nps: number | null }[], at: Date): number | null {
  const line = fitLine(points);
  return line && round2(Math.max(-100, Math.min(100, line.valueAt(line.dayOf(at)))));
}

/** A forecast less certain than this (± points) is not shown and does not decide the status. */
export const FORECAST_MAX_UNCERTAINTY = 15;

/** Two-sided 95 % Student t quantiles for 1…10 degrees of freedom; beyond that ≈ 2. */
const T95 = [12.71, 4.3, 3.18, 2.78, 2.57, 2.45, 2.36, 2.31, 2.26, 2.23];

/**
 * Half-width of the 95 % prediction interval of the least-squares line at `at`: how far a new
 * point there may lie from the line, given how far the history scatters around it
 * (t · s · √(1 + 1/n + (x − x̄)²/Sxx), s² = residual sum of squares / (n − 2)). Three points
 * leave one degree of freedom (t = 12.7), so a short history is honestly very uncertain.
 */
export function forecastUncertainty(points: { at: Date; nps: number | null }[], at: Date): number | null {
  const line = fitLine(points);
  if (!line) return null;
  const { xs, ys, n, mx, sxx } = line;
  const residuals = xs.reduce((s, x, i) => s + (ys[i]! - line.valueAt(x)) ** 2, 0);
  const sd = Math.sqrt(residuals / (n - 2));
  return round2((T95[n - 3] ?? 2) * sd * Math.sqrt(1 + 1 / n + (line.dayOf(at) - mx) ** 2 / sxx));
}

/**
 * The forecast rule: a forecast is shown (and may decide the status) only when both its own
 * 95 % prediction interval and the current figure's margin of error are at most
 * FORECAST_MAX_UNCERTAINTY points. A line cannot be surer than the figure it ends in: beside
 * "+35 ±29" a "prognose +55" says more than the data does.
 */
export function forecastIsShown(uncertainty: number | null, currentMargin: number | null): boolean {
  return uncertainty !== null && uncertainty <= FORECAST_MAX_UNCERTAINTY && (currentMargin ?? 0) <= FORECAST_MAX_UNCERTAINTY;
}

/**
 * Status rules:
 * - due date passed: "achieved" if current ≥ target with enough answers,
 *   "unknown" without a current figure, else "off_track" (missed).
 * - before the due date "achieved" is never claimed (see reachedNow):
 *   with a forecast: ≥ target "on_track", within AT_RISK_BAND below "at_risk",
 *   else "off_track". Without a forecast the current figure stands in:
 *   ≥ target with enough answers "on_track"; within the band (or at target on
 *   too few answers) "at_risk"; else "off_track"; no figure "unknown".
 */
export function goalProgress(
  goal: GoalInput,
  current: { nps: number | null; responses: number; marginOfError?: number | null },
  history: { at: Date; nps: number | null }[],
  now: Date,
): GoalProgress {
  const target = goal.targetNps;
  const cur = current.nps;
  const enoughAnswers = current.responses >= Math.max(1, goal.minResponses ?? 1);
  const span = goal.dueAt.getTime() - goal.startsAt.getTime();
  const passed = now.getTime() - goal.startsAt.getTime();
  const elapsedShare = span <= 0 ? (now >= goal.dueAt ? 1 : 0) : Math.max(0, Math.min(1, passed / span));
  const daysLeft = Math.max(0, Math.ceil((goal.dueAt.getTime() - now.getTime()) / DAY_MS));
  const forecastUncertaintyAtDue = forecastUncertainty(history, goal.dueAt);
  const forecastNps = forecastIsShown(forecastUncertaintyAtDue, current.marginOfError ?? null) ? linearForecast(history, goal.dueAt) : null;
  const reachedNow = cur !== null && enoughAnswers && cur >= target;

  let status: GoalStatus;
  if (now.getTime() >= goal.dueAt.getTime()) {
    status = cur === null ? "unknown" : reachedNow ? "achieved" : "off_track";
  } else if (forecastNps !== null) {
    status = forecastNps >= target ? "on_track" : forecastNps >= target - AT_RISK_BAND ? "at_risk" : "off_track";
  } else if (cur === null) {
    status = "unknown";
  } else {
    status = reachedNow ? "on_track" : cur >= target - AT_RISK_BAND ? "at_risk" : "off_track";
  }

  return {
    targetNps: target,
    currentNps: cur,
    gap: cur === null ? null : round2(target - cur),
    change: cur === null || goal.baselineNps === null ? null : round2(cur - goal.baselineNps),
    elapsedShare,
    daysLeft,
    forecastNps,
    forecastUncertainty: forecastUncertaintyAtDue,
    status,
    reachedNow,
    enoughAnswers,
  };
}

// ---- the command -----------------------------------------------------------------

export type GoalCommandResult =
  | { ok: true; team: string; targetNps: number; dueAt: Date; minResponses: number | null }
  | { ok: false; error: Texts };

const USAGE: Texts = {
  // Plain words only: no <…> or `…` that a platform would show with its escapes.
  da: "Skriv fx: mål support 45 2027-11-30 (team, mål-NPS og dato), eventuelt med min 30 for mindst 30 svar.",
  en: "Type for example: goal support 45 2027-11-30 (team, target NPS and date), optionally with min 30 for at least 30 answers.",
};
const MAX_YEARS_AHEAD = 5;

const fail = (da: string, en: string): GoalCommandResult => ({ ok: false, error: { da: `${da} ${USAGE.da}`, en: `${en} ${USAGE.en}` } });

/** "YYYY-MM-DD" or "dd-mm-yyyy" (also with . or /) → civil day number, or null. */
function parseDay(text: string): number | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const dmy = /^(\d{1,2})([-./])(\d{1,2})\2(\d{4})$/.exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : dmy ? [dmy[4], dmy[3], dmy[1]] : [];
  if (y === undefined || m === undefined || d === undefined) return null;
  const days = daysFromCivil(Number(y), Number(m), Number(d));
  const c = civilFromDays(days);
  return c.month === Number(m) && c.day === Number(d) && Number(m) >= 1 && Number(m) <= 12 ? days : null;
}

/**
 * `goal <team…> <target> <date> [min <n>]`, Danish `mål …`. The leading command
 * word is optional; the team may be several words ("salg nord") and is
 * returned as typed — the caller finds it by slug. The due date is the last
 * millisecond of that local day, so a goal "due 30 November" runs through it.
 */
export function parseGoalCommand(input: string[], now: Date, tz: string = DEFAULT_TIME_ZONE): GoalCommandResult {
  const words = input.map((w) => w.normalize("NFC").trim()).filter((w) => w !== "");
  if (/^(?:goal|m[åa]l|maal)$/i.test(words[0] ?? "")) words.shift();

  let minResponses: number | null = null;
  const minAt = words.findIndex((w) => /^(?:min\.?|minimum)$/i.test(w));
  if (minAt >= 0) {
    const n = words[minAt + 1];
    if (n === undefined || !/^\d+$/.test(n) || Number(n) < 1 || Number(n) > 100_000 || words.length > minAt + 2) {
      return fail("Efter \"min\" skal der stå et antal svar (1 eller flere).", "\"min\" must be followed by a number of answers (1 or more).");
    }
    minResponses = Number(n);
    words.splice(minAt, 2);
  }

  if (words.length < 3) return fail("Der mangler team, mål eller dato.", "The team, target or date is missing.");
  const dateText = words.pop()!;
  const targetText = words.pop()!.replace(/^[−–]/, "-");
  const team = words.join(" ");

  if (!/^[+-]?\d+$/.test(targetText)) {
    return fail(`"${targetText}" er ikke et helt tal mellem -100 og 100.`, `"${targetText}" is not a whole number between -100 and 100.`);
  }
  const targetNps = Number(targetText) + 0; // + 0 turns "-0" into 0
  if (targetNps < -100 || targetNps > 100) {
    return fail(`Mål-NPS skal ligge mellem -100 og 100, ikke ${targetNps}.`, `The target NPS must be between -100 and 100, not ${targetNps}.`);
  }

  const day = parseDay(dateText);
  if (day === null) {
    return fail(`"${dateText}" er ikke en gyldig dato (ÅÅÅÅ-MM-DD eller DD-MM-ÅÅÅÅ).`, `"${dateText}" is not a valid date (YYYY-MM-DD or DD-MM-YYYY).`);
  }
  const next = civilFromDays(day + 1);
  const dueAt = new Date(zonedToUtc(next, tz).getTime() - 1);
  if (dueAt.getTime() <= now.getTime()) {
    return fail(`Datoen ${dateText} er allerede passeret.`, `The date ${dateText} has already passed.`);
  }
  const today = zonedParts(now, tz);
  if (day > daysFromCivil(today.year + MAX_YEARS_AHEAD, today.month, today.day)) {
    return fail(`Datoen ${dateText} ligger mere end ${MAX_YEARS_AHEAD} år ude i fremtiden.`, `The date ${dateText} is more than ${MAX_YEARS_AHEAD} years ahead.`);
  }
  return { ok: true, team, targetNps, dueAt, minResponses };
}
