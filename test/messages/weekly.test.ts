// The weekly team view as a team lead reads it on a phone, in Danish and English, and drawn by
// both faces within their limits: Slack Block Kit (≤ 50 blocks, ≤ 3,000 characters a section,
// nothing shortened) and a clean Adaptive Card 1.5 for Teams.
import { describe, expect, it } from "vitest";
import type { ClosedLoop } from "../../src/core/closed-loop.ts";
import { computeNps } from "../../src/core/nps.ts";
import type { Theme, ThemesResult } from "../../src/core/themes/index.ts";
import { latestCompleteWeek } from "../../src/core/weekly.ts";
import { renderConsole } from "../../src/faces/console/render.ts";
import { renderMessage } from "../../src/faces/slack/blocks.ts";
import { renderCard } from "../../src/faces/teams/cards.ts";
import { LIMITS } from "../../src/faces/teams/limits.ts";
import { buildWeekly, kudosLine, type WeeklyView } from "../../src/messages/weekly.ts";
import { limitViolations } from "../faces/slack/limits-check.ts";
import { parseCard } from "../faces/teams/adaptive-cards.ts";
import type { Lang } from "../../src/core/language.ts";

const TZ = "Europe/Copenhagen";
const NOW = new Date("2026-12-07T08:05:00Z"); // Monday 09:05
const week = latestCompleteWeek(NOW, TZ);
const figures = (promoters: number, passives: number, detractors: number) =>
  computeNps({ promoters, passives, detractors }, 30);

const loop = (over: Partial<ClosedLoop> = {}): ClosedLoop => ({
  opened: 3, closed: 2, medianHoursToClaim: 4.5, contactedInTime: 2, contactJudged: 3, contactedShare: 0.6667,
  outcomes: { recovered: 1, not_recovered: 1, no_contact: 0, score_changed: 0 }, ...over,
});
const theme = (label: string, count: number, quote?: string): Theme => ({ key: label, label, count, otherCount: 0, z: 3, quotes: quote ? [quote] : [] });
const themes: ThemesResult = {
  kind: "themes", detractorComments: 12, promoterComments: 20, minimum: 5,
  detractors: [theme("faktura", 5, "Forkert faktura igen."), theme("ventetid", 4), theme("ingen ringede tilbage", 3), theme("fjerde tema", 3)],
  promoters: [theme("venlig", 9, "Søde og venlige folk i telefonen."), theme("hurtig", 6)],
};

const view = (over: Partial<WeeklyView> = {}): WeeklyView => ({
  team: { slug: "support", name: "Kundeservice" },
  week: { key: week.key, label: week.label },
  figures: figures(30, 8, 8), // 46 answers, NPS +48
  minResponses: 30,
  goal: { targetNps: 40, dueAt: new Date("2027-06-30T12:00:00Z") },
  themes,
  loop: loop(),
  kudos: [{ name: "Søren Holm", email: null, optedOut: false, count: 3 }, { name: "Anna Berg", email: null, optedOut: true, count: 2 }, { name: "Mette Lund", email: null, optedOut: false, count: 1 }],
  ...over,
});

const text = (v: WeeklyView, lang: Lang) => renderConsole(buildWeekly(v, lang, TZ));

describe("the weekly team view, in words", () => {
  it("Danish: the week named, the NPS with margin against the goal, themes, cases, kudos", () => {
    const da = text(view(), "da");
    expect(da).toContain("Kundeservice – uge 49 (30. nov.–6. dec.)");
    expect(da).toContain("46 svar i ugen: 30 anbefalere, 8 passive, 8 kritikere.");
    expect(da).toMatch(/NPS i ugen.*\+48, usikkerhed ±\d+ \(46 svar\)/s);
    expect(da).toMatch(/Mål \+40.*8 point over · inden 30\. jun\. 2027/s);
    expect(da).toMatch(/Sager om utilfredse kunder.*3 åbnet, 2 lukket/s);
    expect(da).toMatch(/Median tid til nogen tog sagen.*4,5 timer/s);
    expect(da).toMatch(/Kontaktet inden 48 arbejdstimer.*2 af 3/s);
    expect(da).toContain("Hvad kritikerne taler om");
    expect(da).toContain("faktura · 5 af 12 kommentarer\nventetid · 4 af 12 kommentarer\ningen ringede tilbage · 3 af 12 kommentarer");
    expect(da).not.toContain("fjerde tema"); // three a side on a phone
    expect(da).toContain("Forkert faktura igen.");
    expect(da).toContain("Hvad de glade kunder roser");
    expect(da).toContain("Kunderne takkede ved navn");
    expect(da).toContain("Søren Holm (3), en kollega (2), Mette Lund (1)");
  });

  it("English: the same view in English only", () => {
    const en = text(view({ figures: figures(20, 8, 12) }), "en");
    expect(en).toContain("Kundeservice – week 49 (30 Nov–6 Dec)");
    expect(en).toContain("40 answers this week: 20 promoters, 8 passives, 12 detractors.");
    expect(en).toMatch(/Goal \+40.*20 points below · by 30 Jun 2027/s);
    expect(en).toMatch(/Detractor cases.*3 opened, 2 closed/s);
    expect(en).toContain("What detractors talk about");
    expect(en).toContain("faktura · 5 of 12 comments");
    expect(en).toContain("Customers thanked by name");
    expect(en).toContain("Søren Holm (3), a colleague (2), Mette Lund (1)");
    expect(en).not.toMatch(/\b(svar|uge|kollega|kritikere|Mål)\b/);
  });

  it("a small sample says so first, and the goal comparison is marked uncertain", () => {
    const v = view({ figures: figures(3, 1, 0) });
    expect(text(v, "da")).toContain("For få svar (4 af 30): +75, meget usikkert");
    expect(text(v, "da")).toContain("35 point over (usikkert: for få svar)");
    expect(text(v, "en")).toContain("Too few answers (4 of 30): +75, very uncertain");
    expect(text(v, "en")).toContain("35 points above (uncertain: too few answers)");
    expect(text(view({ figures: figures(1, 0, 0) }), "en")).toContain("1 answer this week: 1 promoter, 0 passives, 0 detractors.");
  });

  it("without a goal, themes below the minimum and no kudos: no goal line, 'for få kommentarer', no kudos section", () => {
    const v = view({ goal: null, themes: { kind: "tooFew", detractorComments: 2, promoterComments: 4, minimum: 5 }, kudos: [], loop: loop({ opened: 0, closed: 0, medianHoursToClaim: null, contactJudged: 0, contactedInTime: 0 }) });
    const da = text(v, "da");
    expect(da).not.toContain("Mål");
    expect(da).toContain("Hvad kritikerne taler om: for få kommentarer (2 af 5)");
    expect(da).toContain("Hvad de glade kunder roser: for få kommentarer (4 af 5)");
    expect(da).toMatch(/Sager om utilfredse kunder.*ingen i ugen/s);
    expect(da).not.toContain("Median tid");
    expect(da).not.toContain("Kunderne takkede");
    expect(text(v, "en")).toContain("What happy customers praise: too few comments (4 of 5)");
    // enough comments, but no theme stands out on one side
    const none = text(view({ themes: { ...themes, kind: "themes", detractors: [] } as ThemesResult }), "da");
    expect(none).toContain("Intet tema skiller sig tydeligt ud.");
  });

  it("a quiet week (no answers) is said briefly, with the goal and the cases still there", () => {
    const v = view({ figures: figures(0, 0, 0), themes: { kind: "tooFew", detractorComments: 0, promoterComments: 0, minimum: 5 }, kudos: [] });
    const m = buildWeekly(v, "da", TZ);
    expect(m.summary).toBe("Kundeservice – uge 49 (30. nov.–6. dec.): ingen svar fra kunderne.");
    const da = renderConsole(m);
    expect(da).toMatch(/Mål \+40.*ingen svar at sammenligne med/s);
    expect(da).toContain("3 åbnet, 2 lukket");
    expect(da).not.toContain("Hvad kritikerne");
    expect(renderConsole(buildWeekly(v, "en", TZ))).toContain("Week 49 (30 Nov–6 Dec): no answers from customers.");
  });

  it("many people thanked: the five most thanked, then how many more", () => {
    const many = Array.from({ length: 9 }, (_, i) => ({ name: `Kollega nummer ${i + 1}`, email: null, optedOut: i === 2, count: 20 - i }));
    expect(kudosLine(many, "da")).toBe("Kollega nummer 1 (20), Kollega nummer 2 (19), en kollega (18), Kollega nummer 4 (17), Kollega nummer 5 (16) og 4 flere");
    expect(kudosLine(many.slice(0, 6), "en")).toBe("Kollega nummer 1 (20), Kollega nummer 2 (19), a colleague (18), Kollega nummer 4 (17), Kollega nummer 5 (16) and 1 more");
    expect(kudosLine(many.slice(0, 5), "en")).not.toContain("more");
    // an opted-out person first in line is still never named, and the line starts with a capital
    expect(kudosLine([many[2]!, many[0]!], "da")).toBe("En kollega (18), Kollega nummer 1 (20)");
    expect(kudosLine([{ name: null, email: "ole@firma.dk", optedOut: false, count: 1 }], "en")).toBe("ole@firma.dk (1)");
  });
});

// The most a view can hold: long names, five themes a side with long labels and quotes full of markup, many kudos.
const longTheme = (i: number): Theme => ({
  key: `k${i}`, label: `leveringstidspunktet ${i} <b>*fed*</b>`, count: 99_999, otherCount: 0, z: 9.99,
  quotes: ["…" + "Pakken kom *for sent* & <script> ".repeat(4).slice(0, 118) + "…"],
});
const fullest = (): WeeklyView => view({
  team: { slug: "support", name: "Kundeservice og salg i hele Danmark, Færøerne og Grønland <!channel>" },
  figures: figures(60_000, 20_000, 23_456),
  themes: { kind: "themes", detractorComments: 100_000, promoterComments: 23_456, minimum: 5, detractors: [0, 1, 2, 3, 4].map(longTheme), promoters: [5, 6, 7, 8, 9].map(longTheme) },
  loop: loop({ opened: 12_345, closed: 12_000, medianHoursToClaim: 123.45, contactedInTime: 9_999, contactJudged: 12_000 }),
  kudos: Array.from({ length: 60 }, (_, i) => ({ name: `Medarbejder med et meget langt navn nummer ${i} <@U0123>`, email: null, optedOut: false, count: 1000 - i })),
});
const samples: [string, () => WeeklyView][] = [
  ["typical", () => view()],
  ["fullest", fullest],
  ["too few and no goal", () => view({ goal: null, figures: figures(2, 0, 1), themes: { kind: "tooFew", detractorComments: 1, promoterComments: 2, minimum: 5 }, kudos: [] })],
  ["quiet", () => view({ figures: figures(0, 0, 0), kudos: [] })],
];

describe.each(["da", "en"] as Lang[])("the weekly view through both faces (%s)", (lang) => {
  for (const [name, sample] of samples) {
    it(`${name}: Slack blocks within the limits, whole; a clean Teams card within its size`, () => {
      const message = buildWeekly(sample(), lang, TZ);
      expect(message.kind).toBe("weekly");
      const { blocks } = renderMessage(message);
      expect(limitViolations(blocks)).toEqual([]);
      expect(blocks.length).toBeLessThanOrEqual(50);
      expect(JSON.stringify(blocks)).not.toMatch(/shortened|forkortet/i);
      const card = renderCard(message);
      expect(parseCard(card)).toEqual([]);
      expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(LIMITS.cardBytes);
    });
  }
});
