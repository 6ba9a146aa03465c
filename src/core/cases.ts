/**
 * Closed-loop detractor cases ("Operation Kunderedning"): when an answer
 * raises an alert, who gets it, which state changes are allowed (who may do
 * what: core/permissions.ts), and when an unclaimed case is reminded about or escalated.
 */
import { round2 } from "./nps.ts";
import { DEFAULT_TIME_ZONE } from "./periods.ts";
import { civilFromDays, daysFromCivil, isoWeekdayOfDays, zonedParts, zonedToUtc } from "./timezone.ts";

// ---- alerts ------------------------------------------------------------------

export interface AlertRules {
  /** NPS score at or below this raises an alert (0–10) */
  maxScore: number;
  /** CES (1–7, higher = easier) at or below this raises an alert; null = ignore CES */
  maxCes: number | null;
}

export const DEFAULT_ALERT_RULES: AlertRules = { maxScore: 6, maxCes: 2 };

export function isDetractorAlert(a: { score: number; ces: number | null }, rules: AlertRules = DEFAULT_ALERT_RULES): boolean {
  if (a.score <= rules.maxScore) return true;
  // A promoter who found it very hard to get help is at risk too.
  return a.ces !== null && rules.maxCes !== null && a.ces <= rules.maxCes;
}

// ---- routing -----------------------------------------------------------------

export interface Channel {
  platform: "slack" | "teams";
  channelId: string;
}

export interface RouteInput {
  accountOwnerId: number | null;
  touchpointOwnerId: number | null;
  teamLeadId: number | null;
  teamAlertChannels: Channel[];
  fallbackChannels: Channel[];
}

export type Route =
  | { kind: "person"; personId: number; routedBy: "account" | "touchpoint" | "teamLead" }
  | { kind: "channels"; channels: Channel[]; routedBy: "teamChannel" | "fallback" }
  | { kind: "nobody" };

/** First match wins: the person closest to the customer, then the team, then anyone. */
export function routeCase(input: RouteInput): Route {
  if (input.accountOwnerId !== null) return { kind: "person", personId: input.accountOwnerId, routedBy: "account" };
  if (input.touchpointOwnerId !== null) return { kind: "person", personId: input.touchpointOwnerId, routedBy: "touchpoint" };
  if (input.teamLeadId !== null) return { kind: "person", personId: input.teamLeadId, routedBy: "teamLead" };
  if (input.teamAlertChannels.length > 0) return { kind: "channels", channels: [...input.teamAlertChannels], routedBy: "teamChannel" };
  if (input.fallbackChannels.length > 0) return { kind: "channels", channels: [...input.fallbackChannels], routedBy: "fallback" };
  return { kind: "nobody" };
}

// ---- states ------------------------------------------------------------------

export type CaseState = "open" | "claimed" | "resolved";
export type Outcome = "recovered" | "not_recovered" | "no_contact" | "score_changed";

export const OUTCOMES: readonly Outcome[] = ["recovered", "not_recovered", "no_contact", "score_changed"];
/** What a person picks when resolving; "score_changed" is set only by a new, better answer. */
export const MANUAL_OUTCOMES: readonly Outcome[] = ["recovered", "not_recovered", "no_contact"];

export function isOutcome(value: string): value is Outcome {
  return (OUTCOMES as readonly string[]).includes(value);
}

export function isManualOutcome(value: string): value is Exclude<Outcome, "score_changed"> {
  return (MANUAL_OUTCOMES as readonly string[]).includes(value);
}

export interface CaseSnapshot {
  state: CaseState;
  /** the routed person while open, the claimer once claimed */
  ownerId: number | null;
}

export type CaseAction =
  | { type: "claim"; actorId: number }
  | { type: "resolve"; outcome: Outcome }
  | { type: "handOver"; toPersonId: number }
  /** the customer answered again above the alert threshold */
  | { type: "scoreLifted" };

export type TransitionRefusal = "alreadyResolved" | "alreadyClaimed" | "sameOwner" | "outcomeReserved";

export type TransitionResult =
  | { ok: true; next: CaseState; ownerId: number | null; outcome: Outcome | null }
  | { ok: false; reason: TransitionRefusal };

/**
 * open → claimed → resolved, and open → resolved; nothing after resolved.
 * Claiming again by the owner is a harmless double click (ok, unchanged); by
 * anyone else it is refused — taking over a claimed case is a hand-over,
 * which needs permission (core/permissions.ts). A hand-over keeps the state
 * and changes the owner. People resolve with a MANUAL_OUTCOME; "score_changed"
 * comes only from scoreLifted. Permissions are checked separately.
 */
export function transition(c: CaseSnapshot, action: CaseAction): TransitionResult {
  if (c.state === "resolved") return { ok: false, reason: "alreadyResolved" };
  switch (action.type) {
    case "claim":
      if (c.state === "claimed" && c.ownerId !== action.actorId) return { ok: false, reason: "alreadyClaimed" };
      return { ok: true, next: "claimed", ownerId: action.actorId, outcome: null };
    case "resolve":
      if (!MANUAL_OUTCOMES.includes(action.outcome)) return { ok: false, reason: "outcomeReserved" };
      return { ok: true, next: "resolved", ownerId: c.ownerId, outcome: action.outcome };
    case "handOver":
      if (c.ownerId === action.toPersonId) return { ok: false, reason: "sameOwner" };
      return { ok: true, next: c.state, ownerId: action.toPersonId, outcome: null };
    case "scoreLifted":
      return { ok: true, next: "resolved", ownerId: c.ownerId, outcome: "score_changed" };
  }
}

// ---- working time --------------------------------------------------------------

export interface Holiday {
  /** "YYYY-MM-DD" */
  date: string;
  name: string;
}

const pad2 = (n: number) => String(n).padStart(2, "0");
const isoDay = (days: number) => {
  const c = civilFromDays(days);
  return `${c.year}-${pad2(c.month)}-${pad2(c.day)}`;
};

/** Easter Sunday as a day number (anonymous Gregorian computus, Meeus/Jones/Butcher). */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return daysFromCivil(year, month, day);
}

/**
 * Days Danish workplaces are closed: the public holidays plus grundlovsdag and
 * juleaftensdag (customary days off). Store bededag was abolished from 2024.
 * Nytårsaftensdag and 1. maj vary by agreement; pass them via opts.holidays.
 */
export function danishHolidays(year: number): Holiday[] {
  const easter = easterSunday(year);
  const list: [number, string][] = [
    [daysFromCivil(year, 1, 1), "nytårsdag"],
    [easter - 3, "skærtorsdag"],
    [easter - 2, "langfredag"],
    [easter, "påskedag"],
    [easter + 1, "2. påskedag"],
    ...(year <= 2023 ? [[easter + 26, "store bededag"] as [number, string]] : []),
    [easter + 39, "Kristi himmelfartsdag"],
    [easter + 49, "pinsedag"],
    [easter + 50, "2. pinsedag"],
    [daysFromCivil(year, 6, 5), "grundlovsdag"],
    [daysFromCivil(year, 12, 24), "juleaftensdag"],
    [daysFromCivil(year, 12, 25), "1. juledag"],
    [daysFromCivil(year, 12, 26), "2. juledag"],
  ];
  return list.sort((x, y) => x[0] - y[0]).map(([days, name]) => ({ date: isoDay(days), name }));
}

export interface WorkingTimeOptions {
  /** "YYYY-MM-DD" days that do not count; default: danishHolidays of the years involved */
  holidays?: string[];
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Whether a local calendar day counts as working time. */
export function isWorkingDay(days: number, opts: WorkingTimeOptions = {}): boolean {
  if (isoWeekdayOfDays(days) > 5) return false;
  const key = isoDay(days);
  const holidays = opts.holidays ?? danishHolidays(civilFromDays(days).year).map((h) => h.date);
  return !holidays.includes(key);
}

/**
 * The instant after `hours` of working time from `start`. Working time is all
 * of Monday–Friday (not holidays), counted on local wall clocks: a working
 * day is 24 wall hours whether DST makes it 23 or 25 real ones, so "24 hours
 * after Friday 15:00" is Monday 15:00. A start on a day off counts from the
 * next working day's midnight; a result exactly at the end of a working day
 * is moved to the next working day's midnight, so nothing falls due on a
 * weekend.
 */
export function addWorkingHours(start: Date, hours: number, tz: string = DEFAULT_TIME_ZONE, opts: WorkingTimeOptions = {}): Date {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`hours must be ≥ 0, got ${String(hours)}`);
  const p = zonedParts(start, tz);
  let day = daysFromCivil(p.year, p.month, p.day);
  const ms = ((start.getTime() % 1000) + 1000) % 1000;
  let wall = p.hour * HOUR_MS + p.minute * 60_000 + p.second * 1000 + ms;
  let left = Math.round(hours * HOUR_MS);
  for (;;) {
    if (!isWorkingDay(day, opts)) {
      day++;
      wall = 0;
      continue;
    }
    if (left < DAY_MS - wall) break;
    left -= DAY_MS - wall;
    day++;
    wall = 0;
  }
  wall += left;
  const c = civilFromDays(day);
  const second = Math.floor(wall / 1000);
  const base = zonedToUtc({ ...c, hour: Math.floor(second / 3600), minute: Math.floor(second / 60) % 60, second: second % 60 }, tz);
  return new Date(base.getTime() + (wall % 1000));
}

// ---- reminders ---------------------------------------------------------------------

export interface ReminderRules {
  remindAfterHours: number;
  escalateAfterHours: number;
  timeZone: string;
  holidays?: string[];
}

export const DEFAULT_REMINDER_RULES: ReminderRules = { remindAfterHours: 24, escalateAfterHours: 48, timeZone: DEFAULT_TIME_ZONE };

/**
 * Only unclaimed (open) cases are chased. Each step happens once. If both are
 * due at once (the bot was down), only the escalation is sent — it says more
 * than the reminder — and a reminder is never sent after an escalation.
 */
export function dueReminders(
  c: { state: CaseState; openedAt: Date; remindedAt: Date | null; escalatedAt: Date | null },
  now: Date,
  rules: ReminderRules = DEFAULT_REMINDER_RULES,
): { remind: boolean; escalate: boolean } {
  if (c.state !== "open") return { remind: false, escalate: false };
  const opts = rules.holidays ? { holidays: rules.holidays } : {};
  const t = now.getTime();
  const escalate = c.escalatedAt === null && t >= addWorkingHours(c.openedAt, rules.escalateAfterHours, rules.timeZone, opts).getTime();
  const remind =
    !escalate &&
    c.escalatedAt === null &&
    c.remindedAt === null &&
    t >= addWorkingHours(c.openedAt, rules.remindAfterHours, rules.timeZone, opts).getTime();
  return { remind, escalate };
}

// ---- team numbers --------------------------------------------------------------------

/** Median of durations in hours (2 decimals); null when there are none. */
export function medianHours(durationsMs: number[]): number | null {
  if (durationsMs.some((d) => !Number.isFinite(d) || d < 0)) throw new RangeError("durations must be finite and ≥ 0");
  if (durationsMs.length === 0) return null;
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return round2(median / HOUR_MS);
}

/** Median hours from opening to claim over the claimed cases; null when none was claimed. */
export function medianHoursToClaim(cases: { openedAt: Date; claimedAt: Date | null }[]): number | null {
  return medianHours(cases.filter((c) => c.claimedAt).map((c) => c.claimedAt!.getTime() - c.openedAt.getTime()));
}

/** A team's (or the company's) case numbers, as /nps sager and the CLI show them. */
export interface CaseStats {
  total: number;
  /** not resolved, claimed or not */
  open: number;
  /** claimed and not resolved (part of open) */
  inProgress: number;
  /** resolved / total, 0..1; null without cases */
  closingRate: number | null;
  medianHoursToClaim: number | null;
}

export function caseStats(cases: { state: CaseState; openedAt: Date; claimedAt: Date | null }[]): CaseStats {
  return {
    total: cases.length,
    // Open means not resolved: a claimed case is still open, and also counted as in progress.
    open: cases.filter((c) => c.state !== "resolved").length,
    inProgress: cases.filter((c) => c.state === "claimed").length,
    closingRate: closingRate(cases),
    medianHoursToClaim: medianHoursToClaim(cases),
  };
}

/** Share of cases resolved, 0..1 (4 decimals); null when there are no cases. */
export function closingRate(cases: { state: CaseState }[]): number | null {
  if (cases.length === 0) return null;
  const resolved = cases.filter((c) => c.state === "resolved").length;
  return Math.round((resolved / cases.length) * 10_000) / 10_000;
}
