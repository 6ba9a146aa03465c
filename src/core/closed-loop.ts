// How well a team closes the loop with its detractors in a time window: the numbers the weekly
// team view and the monthly report show. Pure: the cases come in, the figures go out.
//
// "Contacted" is read from the resolution: a case resolved with an outcome other than
// `no_contact` means someone spoke to the customer, at the latest when it was resolved. A case
// counts against the 48-working-hour promise only once its deadline has passed (or it was met),
// so a case opened on Friday afternoon does not drag down Monday's report.
import { addWorkingHours, medianHoursToClaim, type WorkingTimeOptions } from "./cases.ts";

export const CONTACT_WITHIN_WORKING_HOURS = 48;

export const OUTCOMES = ["recovered", "not_recovered", "no_contact", "score_changed"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface LoopCase {
  openedAt: Date;
  claimedAt: Date | null;
  resolvedAt: Date | null;
  outcome: string | null;
}

export interface ClosedLoop {
  /** cases opened in the window */
  opened: number;
  /** cases resolved in the window (some may have been opened before it) */
  closed: number;
  /** median hours from opening to claim, of the cases opened in the window and claimed; null = none */
  medianHoursToClaim: number | null;
  /** of the window's cases whose deadline has passed or was met: how many were contacted in time */
  contactedInTime: number;
  contactJudged: number;
  /** contactedInTime / contactJudged, 0..1 (4 decimals); null when no case could be judged yet */
  contactedShare: number | null;
  /** outcomes of the cases resolved in the window */
  outcomes: Record<Outcome, number>;
}

export interface LoopWindow {
  from: Date;
  /** exclusive */
  to: Date;
}

const within = (t: Date | null, w: LoopWindow): boolean => t !== null && t >= w.from && t < w.to;

function contacted(c: LoopCase): boolean {
  return c.resolvedAt !== null && c.outcome !== null && c.outcome !== "no_contact";
}

/**
 * The window's closed-loop figures. `cases` may hold more than the window (the function picks
 * those opened or resolved in it); `now` decides which deadlines have passed.
 */
export function closedLoop(
  cases: LoopCase[],
  window: LoopWindow,
  now: Date,
  timeZone: string,
  opts: WorkingTimeOptions & { contactHours?: number } = {},
): ClosedLoop {
  const hours = opts.contactHours ?? CONTACT_WITHIN_WORKING_HOURS;
  const working = opts.holidays ? { holidays: opts.holidays } : {};
  const opened = cases.filter((c) => within(c.openedAt, window));
  const closed = cases.filter((c) => within(c.resolvedAt, window));

  let contactedInTime = 0;
  let contactJudged = 0;
  for (const c of opened) {
    const deadline = addWorkingHours(c.openedAt, hours, timeZone, working);
    const inTime = contacted(c) && c.resolvedAt!.getTime() <= deadline.getTime();
    if (inTime) contactedInTime++;
    if (inTime || now.getTime() >= deadline.getTime()) contactJudged++;
  }

  const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  for (const c of closed) if (c.outcome && (OUTCOMES as readonly string[]).includes(c.outcome)) outcomes[c.outcome as Outcome]++;

  return {
    opened: opened.length,
    closed: closed.length,
    medianHoursToClaim: medianHoursToClaim(opened),
    contactedInTime,
    contactJudged,
    contactedShare: contactJudged === 0 ? null : Math.round((contactedInTime / contactJudged) * 10_000) / 10_000,
    outcomes,
  };
}
