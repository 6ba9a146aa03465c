/**
 * Customer stories: which promoter comments may be shared, which are worth
 * sharing first, and when today's stories go out (spread over the working day
 * so #kundehistorier gets a steady trickle, not a burst at 9:00).
 */
import { isWorkingDay, type WorkingTimeOptions } from "./cases.ts";
import { MAX_SCORE, PROMOTER_MIN } from "./nps.ts";
import { DEFAULT_TIME_ZONE } from "./periods.ts";
import { daysFromCivil, zonedParts, zonedToUtc } from "./timezone.ts";

// ---- candidates ------------------------------------------------------------------

export type StoryRefusal = "notPromoter" | "noComment" | "tooShort" | "noConsent";

export const MIN_STORY_CHARS = 20;
export const MIN_STORY_WORDS = 4;

// Compared after lower-casing and dropping punctuation, so "N/A", "Nej." and "ingen kommentar!" all match.
const NON_ANSWERS = new Set([
  "ingen kommentar", "ingen kommentarer", "ingen", "intet", "intet at tilføje", "ikke noget", "nej", "nej tak",
  "nix", "ved ikke", "na", "n a", "ok", "okay", "fint", "tak", "no", "no comment", "no comments", "none",
  "nothing", "nothing to add", "nope", "nothing really",
]);

function normalise(text: string): string {
  return text.normalize("NFC").toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, " ").replace(/\s+/g, " ").trim();
}

/** Words are tokens with at least one letter or digit; emoji and "!!!" do not count. */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/**
 * Promoters (9–10) with a real comment. With consent the story may name the
 * customer; without it, only when the company allows anonymous stories.
 */
export function isStoryCandidate(
  a: { score: number; comment: string | null; consentToShare: boolean },
  policy: { allowAnonymous: boolean },
): { ok: true; anonymous: boolean } | { ok: false; reason: StoryRefusal } {
  if (a.score < PROMOTER_MIN) return { ok: false, reason: "notPromoter" };
  const text = (a.comment ?? "").trim();
  const plain = normalise(text);
  if (!/\p{L}/u.test(plain) || NON_ANSWERS.has(plain)) return { ok: false, reason: "noComment" };
  if ([...text].length < MIN_STORY_CHARS || wordCount(text) < MIN_STORY_WORDS) return { ok: false, reason: "tooShort" };
  if (a.consentToShare) return { ok: true, anonymous: false };
  return policy.allowAnonymous ? { ok: true, anonymous: true } : { ok: false, reason: "noConsent" };
}

// ---- ranking ----------------------------------------------------------------------

export interface StoryCandidate {
  id: number;
  text: string;
  createdAt: Date;
  touchpoint: string | null;
  score: number;
}

export type RankedStory<T extends StoryCandidate = StoryCandidate> = T & {
  /** the story's own worth: length × recency × score factor, 0..1 */
  basePoints: number;
  /** after the variety penalty; the list is sorted by this */
  points: number;
};

export const RECENCY_HALF_LIFE_DAYS = 14;
/** Each earlier pick from the same touchpoint multiplies a story's points by this. */
export const VARIETY_FACTOR = 0.7;

/** 60–400 characters read best; shorter ones say little, very long ones lose readers (floor 0.6). */
export function lengthFactor(chars: number): number {
  if (chars < 60) return Math.max(0.3, 0.5 + (0.5 * (chars - 20)) / 40);
  if (chars <= 400) return 1;
  return Math.max(0.6, 1 - (chars - 400) / 2000);
}

/** Halves every RECENCY_HALF_LIFE_DAYS; a story dated in the future counts as new. */
export function recencyFactor(createdAt: Date, now: Date): number {
  const ageDays = Math.max(0, (now.getTime() - createdAt.getTime()) / 86_400_000);
  return 0.5 ** (ageDays / RECENCY_HALF_LIFE_DAYS);
}

/**
 * Best first. Greedy: each round picks the highest points, where a story's
 * points are its basePoints × VARIETY_FACTOR^(stories already picked from its
 * touchpoint), so a day's stories come from different parts of the company.
 * Stories without a touchpoint are never penalised. Ties: newer, then lower id.
 */
export function rankStories<T extends StoryCandidate>(candidates: T[], now: Date): RankedStory<T>[] {
  const pool = candidates.map((c) => ({
    c,
    base: lengthFactor([...c.text.trim()].length) * recencyFactor(c.createdAt, now) * (c.score >= MAX_SCORE ? 1 : 0.85),
  }));
  const picked = new Map<string, number>();
  const out: RankedStory<T>[] = [];
  while (pool.length > 0) {
    let best = -1;
    let bestPoints = -1;
    pool.forEach(({ c, base }, i) => {
      const points = base * VARIETY_FACTOR ** (c.touchpoint === null ? 0 : picked.get(c.touchpoint) ?? 0);
      const b = pool[best]?.c;
      const better =
        points > bestPoints ||
        (points === bestPoints && b !== undefined &&
          (c.createdAt.getTime() > b.createdAt.getTime() || (c.createdAt.getTime() === b.createdAt.getTime() && c.id < b.id)));
      if (better) {
        best = i;
        bestPoints = points;
      }
    });
    const [{ c, base }] = pool.splice(best, 1) as [{ c: T; base: number }];
    if (c.touchpoint !== null) picked.set(c.touchpoint, (picked.get(c.touchpoint) ?? 0) + 1);
    out.push({ ...c, basePoints: base, points: bestPoints });
  }
  return out;
}

// ---- posting plan -------------------------------------------------------------------

export interface WorkingHours {
  /** local hour the first slot is due, e.g. 9 */
  start: number;
  /** local hour after which nothing is posted, e.g. 16 */
  end: number;
}

export const DEFAULT_WORKING_HOURS: WorkingHours = { start: 9, end: 16 };

/**
 * Today's slots: slot i of maxPerDay is due at start + i·(end − start)/maxPerDay
 * local time (9:00, 11:20, 13:40 for 3 between 9 and 16). None on days off.
 */
export function storySlots(
  now: Date,
  maxPerDay: number,
  tz: string = DEFAULT_TIME_ZONE,
  hours: WorkingHours = DEFAULT_WORKING_HOURS,
  opts: WorkingTimeOptions = {},
): Date[] {
  if (!(hours.start >= 0 && hours.start < hours.end && hours.end <= 24)) throw new RangeError("working hours must satisfy 0 ≤ start < end ≤ 24");
  if (!Number.isInteger(maxPerDay) || maxPerDay < 0) throw new RangeError("maxPerDay must be a whole number ≥ 0");
  const p = zonedParts(now, tz);
  if (!isWorkingDay(daysFromCivil(p.year, p.month, p.day), opts)) return [];
  const startMin = Math.round(hours.start * 60);
  const spanMin = Math.round(hours.end * 60) - startMin;
  return Array.from({ length: maxPerDay }, (_, i) => {
    const minute = startMin + Math.floor((i * spanMin) / maxPerDay);
    return zonedToUtc({ year: p.year, month: p.month, day: p.day, hour: Math.floor(minute / 60), minute: minute % 60 }, tz);
  });
}

/**
 * The stories to post now: as many as today's slots that are due minus what
 * was posted today, best first. A bot that starts late catches up on the
 * slots it missed today; after working hours nothing more goes out (the rest
 * waits for tomorrow's ranking).
 */
export function planStoryPosts<T>(
  ranked: T[],
  alreadyPostedToday: number,
  maxPerDay: number,
  now: Date,
  tz: string = DEFAULT_TIME_ZONE,
  hours: WorkingHours = DEFAULT_WORKING_HOURS,
  opts: WorkingTimeOptions = {},
): T[] {
  const slots = storySlots(now, maxPerDay, tz, hours, opts);
  if (slots.length === 0) return [];
  const local = zonedParts(now, tz);
  if (local.hour * 60 + local.minute >= Math.round(hours.end * 60)) return [];
  const due = slots.filter((s) => s.getTime() <= now.getTime()).length;
  return ranked.slice(0, Math.max(0, due - Math.max(0, alreadyPostedToday)));
}
