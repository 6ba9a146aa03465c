import { describe, expect, it } from "vitest";
import {
  isStoryCandidate,
  lengthFactor,
  planStoryPosts,
  rankStories,
  recencyFactor,
  storySlots,
  wordCount,
  type StoryCandidate,
} from "../../src/core/stories.ts";

const CPH = "Europe/Copenhagen";
const at = (iso: string) => new Date(iso);
const DAY = 86_400_000;

describe("isStoryCandidate", () => {
  const open = { allowAnonymous: true };
  const strict = { allowAnonymous: false };
  const promoter = (comment: string | null, consentToShare = true, score = 10) => ({ score, comment, consentToShare });

  it.each([
    "Hurtig og venlig hjælp",
    "Lone i kundeservice løste mit problem på fem minutter – tak!",
    "Great support, they called me back within the hour.",
    "   Hurtig og venlig hjælp   ",
    "Pakken kom dagen efter 👍 super flot klaret",
  ])("accepts %j with consent as a named story", (comment) => {
    expect(isStoryCandidate(promoter(comment), strict)).toEqual({ ok: true, anonymous: false });
  });

  it.each([
    ["Ingen kommentar", "noComment"],
    ["ingen kommentarer.", "noComment"],
    ["N/A", "noComment"],
    ["Nej.", "noComment"],
    ["nothing to add", "noComment"],
    ["👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍👍", "noComment"],
    ["!!! ??? ... !!! ??? ... !!!", "noComment"],
    ["   ", "noComment"],
    ["Super god service!", "tooShort"],
    ["Fantastisk!!!!!!!!!!!!!!!!!!!!", "tooShort"],
    ["Tak tak tak 👍👍👍👍👍👍👍👍", "tooShort"],
    ["  Hurtig og venlig   ", "tooShort"],
    ["Rigtig god og hurti", "tooShort"], // 19 characters
    ["Virkelig imponerende oplevelse", "tooShort"], // 3 words
  ] as const)("refuses %j (%s)", (comment, reason) => {
    expect(isStoryCandidate(promoter(comment), strict)).toEqual({ ok: false, reason });
  });

  it("accepts the smallest real comment: 20 characters and 4 words", () => {
    expect(isStoryCandidate(promoter("Rigtig god og hurtig"), strict)).toEqual({ ok: true, anonymous: false });
  });

  it("needs a promoter score and a comment", () => {
    expect(isStoryCandidate(promoter("Hurtig og venlig hjælp", true, 8), open)).toEqual({ ok: false, reason: "notPromoter" });
    expect(isStoryCandidate(promoter("Hurtig og venlig hjælp", true, 9), open)).toEqual({ ok: true, anonymous: false });
    expect(isStoryCandidate(promoter(null), open)).toEqual({ ok: false, reason: "noComment" });
  });

  it("shares without consent only anonymously and only when allowed", () => {
    expect(isStoryCandidate(promoter("Hurtig og venlig hjælp", false), open)).toEqual({ ok: true, anonymous: true });
    expect(isStoryCandidate(promoter("Hurtig og venlig hjælp", false), strict)).toEqual({ ok: false, reason: "noConsent" });
  });

  it("counts words that carry letters or digits", () => {
    expect(wordCount("Tak – 10/10 👍 !!!")).toBe(2);
    expect(wordCount("  Åse   var   sød  ")).toBe(3);
    expect(wordCount("")).toBe(0);
  });
});

describe("lengthFactor and recencyFactor", () => {
  it.each([
    [10, 0.375],
    [20, 0.5],
    [40, 0.75],
    [60, 1],
    [250, 1],
    [400, 1],
    [1000, 0.7],
    [5000, 0.6],
  ])("%i characters → %d", (chars, f) => {
    expect(lengthFactor(chars)).toBeCloseTo(f, 10);
  });

  it("halves every 14 days and treats the future as now", () => {
    const now = at("2026-11-25T10:00:00Z");
    expect(recencyFactor(now, now)).toBe(1);
    expect(recencyFactor(new Date(now.getTime() - 14 * DAY), now)).toBeCloseTo(0.5, 10);
    expect(recencyFactor(new Date(now.getTime() - 28 * DAY), now)).toBeCloseTo(0.25, 10);
    expect(recencyFactor(new Date(now.getTime() + DAY), now)).toBe(1);
  });
});

describe("rankStories", () => {
  const now = at("2026-11-25T10:00:00Z");
  const daysAgo = (d: number) => new Date(now.getTime() - d * DAY);
  const text = (n: number) => "Rigtig god oplevelse med jeres kundeservice, ".repeat(10).slice(0, n);
  const story = (id: number, over: Partial<StoryCandidate> = {}): StoryCandidate => ({
    id, text: text(200), createdAt: daysAgo(1), touchpoint: null, score: 10, ...over,
  });

  it("returns nothing for no candidates", () => {
    expect(rankStories([], now)).toEqual([]);
  });

  it("prefers the sweet-spot length, recent stories and 10 over 9", () => {
    const ranked = rankStories(
      [
        story(1, { text: text(25) }), // short: 24 characters after trimming → 0.55
        story(2), // ideal
        story(3, { createdAt: daysAgo(20) }), // old
        story(4, { score: 9 }),
        story(5, { text: text(450).repeat(3) }), // very long: 1,349 characters → floor 0.6
      ],
      now,
    );
    expect(ranked.map((s) => s.id)).toEqual([2, 4, 5, 1, 3]);
    expect(ranked[0]!.basePoints).toBeCloseTo(0.5 ** (1 / 14), 10);
    expect(ranked[1]!.basePoints).toBeCloseTo(0.85 * 0.5 ** (1 / 14), 10);
  });

  it("lets a fresh 9 beat a 10 from last week", () => {
    const ranked = rankStories([story(1, { createdAt: daysAgo(7) }), story(2, { score: 9, createdAt: daysAgo(0) })], now);
    expect(ranked.map((s) => s.id)).toEqual([2, 1]);
  });

  it("spreads touchpoints: a second phone story drops below a slightly weaker web story", () => {
    const ranked = rankStories(
      [
        story(1, { touchpoint: "telefon", createdAt: daysAgo(0) }),
        story(2, { touchpoint: "telefon", createdAt: daysAgo(1) }),
        story(3, { touchpoint: "web", createdAt: daysAgo(3) }),
        story(4, { touchpoint: "telefon", createdAt: daysAgo(2) }),
      ],
      now,
    );
    expect(ranked.map((s) => s.id)).toEqual([1, 3, 2, 4]);
    expect(ranked[2]!.points).toBeCloseTo(ranked[2]!.basePoints * 0.7, 10);
    expect(ranked[3]!.points).toBeCloseTo(ranked[3]!.basePoints * 0.49, 10);
  });

  it("does not penalise stories without a touchpoint", () => {
    const ranked = rankStories([story(1), story(2, { createdAt: daysAgo(1.01) }), story(3, { touchpoint: "web", createdAt: daysAgo(1.02) })], now);
    expect(ranked.map((s) => s.id)).toEqual([1, 2, 3]);
    expect(ranked[1]!.points).toBe(ranked[1]!.basePoints);
  });

  it("breaks ties by the lower id and keeps extra fields", () => {
    const ranked = rankStories([{ ...story(9), team: "support" }, { ...story(4), team: "salg" }], now);
    expect(ranked.map((s) => [s.id, s.team])).toEqual([[4, "salg"], [9, "support"]]);
  });
});

describe("storySlots and planStoryPosts", () => {
  const ranked = [{ id: 11 }, { id: 12 }, { id: 13 }, { id: 14 }];
  const ids = (xs: { id: number }[]) => xs.map((x) => x.id);
  const wed = (hhmm: string) => at(`2026-11-25T${hhmm}:00+01:00`); // Wednesday, CET

  it("spreads three slots over 9–16: 9:00, 11:20, 13:40", () => {
    expect(storySlots(wed("12:00"), 3, CPH).map((d) => d.toISOString())).toEqual([
      "2026-11-25T08:00:00.000Z", "2026-11-25T10:20:00.000Z", "2026-11-25T12:40:00.000Z",
    ]);
    expect(storySlots(at("2026-07-01T12:00:00+02:00"), 2, CPH, { start: 8, end: 12 }).map((d) => d.toISOString())).toEqual([
      "2026-07-01T06:00:00.000Z", "2026-07-01T08:00:00.000Z",
    ]);
  });

  it.each([
    ["08:59", 0, []],
    ["09:00", 0, [11]],
    ["09:00", 1, []],
    ["11:19", 1, []],
    ["11:20", 1, [11]],
    ["13:39", 2, []],
    ["13:40", 2, [11]],
    ["13:40", 0, [11, 12, 13]], // the bot started late: catch up today's missed slots
    ["15:59", 1, [11, 12]],
    ["15:59", 3, []],
    ["15:59", 5, []],
    ["16:00", 0, []], // working day over
    ["22:00", 0, []],
  ] as const)("Wednesday %s with %i posted → %j", (hhmm, posted, expected) => {
    expect(ids(planStoryPosts(ranked, posted, 3, wed(hhmm), CPH))).toEqual(expected);
  });

  it("posts no more than there are stories", () => {
    expect(ids(planStoryPosts([{ id: 1 }], 0, 3, wed("15:00"), CPH))).toEqual([1]);
    expect(planStoryPosts([], 0, 3, wed("15:00"), CPH)).toEqual([]);
  });

  it("posts nothing on weekends and Danish holidays", () => {
    expect(planStoryPosts(ranked, 0, 3, at("2026-11-28T12:00:00+01:00"), CPH)).toEqual([]); // Saturday
    expect(planStoryPosts(ranked, 0, 3, at("2026-12-24T12:00:00+01:00"), CPH)).toEqual([]); // juleaftensdag, Thursday
    expect(ids(planStoryPosts(ranked, 0, 3, at("2026-12-24T12:00:00+01:00"), CPH, undefined, { holidays: [] }))).toEqual([11, 12]);
  });

  it("uses the local day of the given time zone", () => {
    // 23:30 UTC on Friday is already Saturday in Copenhagen, but Friday 18:30 in New York
    expect(storySlots(at("2026-11-27T23:30:00Z"), 3, CPH)).toEqual([]);
    expect(storySlots(at("2026-11-27T23:30:00Z"), 3, "America/New_York", { start: 9, end: 16 }, { holidays: [] })).toHaveLength(3);
  });

  it("handles zero posts a day and rejects impossible settings", () => {
    expect(planStoryPosts(ranked, 0, 0, wed("12:00"), CPH)).toEqual([]);
    expect(() => storySlots(wed("12:00"), 3, CPH, { start: 16, end: 9 })).toThrow(RangeError);
    expect(() => storySlots(wed("12:00"), 2.5, CPH)).toThrow(RangeError);
  });
});
