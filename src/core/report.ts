// What an NPS question is answered with: figures for a period and scope, the previous period
// of equal length, and optionally the trend. Built by the NPS service, drawn by src/messages.
import type { Comparison, NpsFigures } from "./nps.ts";
import type { Period } from "./periods.ts";
import type { Texts } from "./language.ts";

export interface TrendPoint {
  /** the bucket's key ("2026-11"), as JSON output shows it */
  label: string;
  /** "nov" / "Nov", "uge 47" / "wk 47" */
  short: Texts;
  /** the bucket is still running */
  partial: boolean;
  from: Date;
  to: Date;
  nps: number | null;
  responses: number;
}

export interface NpsScope {
  team: { slug: string; name: string } | null;
  touchpoint: string | null;
}

export interface NpsReport {
  period: Period;
  scope: NpsScope;
  figures: NpsFigures;
  previous: { period: Period; figures: NpsFigures; comparison: Comparison };
  trend: TrendPoint[] | null;
  /** the team's loyalty goal, when the question was about one team that has a goal */
  goal?: GoalLineData | null;
}

/** Plain data of a goal's progress (see core/goals.ts), as shown next to NPS figures. */
export interface GoalLineData {
  targetNps: number;
  dueAt: Date;
  currentNps: number | null;
  forecastNps: number | null;
  status: "achieved" | "on_track" | "at_risk" | "off_track" | "unknown";
  elapsedShare: number;
}
