// The report for management as built (both languages) and drawn by every face: the chart first,
// honest small samples, no goals, no kudos, opted-out people never named, and 30 teams within
// Slack's and Teams' limits with "og 10 flere teams".
import { describe, expect, it } from "vitest";
import { closedLoop } from "../../src/core/closed-loop.ts";
import { compareNps, computeNps, type ScoreCounts } from "../../src/core/nps.ts";
import { parsePeriod, previousPeriod } from "../../src/core/periods.ts";
import type { ThemeReport } from "../../src/core/themes/index.ts";
import { renderConsole } from "../../src/faces/console/render.ts";
import { renderMessage } from "../../src/faces/slack/blocks.ts";
import { renderCard } from "../../src/faces/teams/cards.ts";
import { LIMITS as TEAMS_LIMITS } from "../../src/faces/teams/limits.ts";
import type { Message } from "../../src/messages/model.ts";
import { buildReport, type ReportTeamRow, type ReportView } from "../../src/messages/report.ts";
import { limitViolations } from "../faces/slack/limits-check.ts";
import type { Lang } from "../../src/core/language.ts";

const TZ = "Europe/Copenhagen";
const NOW = new Date("2026-12-01T08:00:00Z");
const period = (() => {
  const p = parsePeriod("2026-11", NOW, TZ);
  if (!p.ok) throw new Error("period");
  return p.period;
})();

const figures = (current: ScoreCounts, before: ScoreCounts) => {
  const f = computeNps(current, 30);
  const p = computeNps(before, 30);
  return { figures: f, previous: p, comparison: compareNps(f, p) };
};

const row = (name: string, current: ScoreCounts, before: ScoreCounts, goal: ReportTeamRow["goal"] = null): ReportTeamRow => ({
  team: { slug: name.toLowerCase(), name },
  ...figures(current, before),
  goal,
});

const themes: ThemeReport = {
  period,
  team: null,
  comments: 80,
  result: {
    kind: "themes", detractorComments: 30, promoterComments: 40, minimum: 10,
    detractors: [{ key: "ventetid", label: "ventetiden", count: 15, otherCount: 1, z: 4.2, quotes: ["Ventetiden i telefonen var alt for lang."] }, { key: "faktura", label: "fakturaen", count: 9, otherCount: 0, z: 3.1, quotes: [] }],
    promoters: [{ key: "hurtig hjælp", label: "hurtig hjælp", count: 18, otherCount: 2, z: 3.8, quotes: ["Hurtig hjælp og en venlig tone."] }],
  },
};

function view(over: Partial<ReportView> = {}): ReportView {
  const opened = new Date("2026-11-10T09:00:00Z");
  const cases = [
    { openedAt: opened, claimedAt: new Date("2026-11-10T11:00:00Z"), resolvedAt: new Date("2026-11-11T09:00:00Z"), outcome: "recovered" },
    { openedAt: opened, claimedAt: new Date("2026-11-10T13:00:00Z"), resolvedAt: new Date("2026-11-20T09:00:00Z"), outcome: "not_recovered" },
    { openedAt: opened, claimedAt: null, resolvedAt: null, outcome: null },
  ];
  return {
    period,
    previousPeriod: previousPeriod(period, TZ),
    company: figures({ promoters: 120, passives: 50, detractors: 40 }, { promoters: 100, passives: 60, detractors: 50 }),
    teams: [
      row("Salg", { promoters: 30, passives: 10, detractors: 20 }, { promoters: 25, passives: 15, detractors: 20 }),
      row("Kundeservice", { promoters: 80, passives: 30, detractors: 15 }, { promoters: 70, passives: 35, detractors: 25 }, {
        targetNps: 45, dueAt: new Date("2027-06-30T22:00:00Z"), currentNps: 52, forecastNps: null, status: "on_track", elapsedShare: 0.4,
      }),
      row("Lager", { promoters: 3, passives: 0, detractors: 1 }, { promoters: 2, passives: 1, detractors: 1 }),
      row("Økonomi", { promoters: 0, passives: 0, detractors: 0 }, { promoters: 0, passives: 0, detractors: 0 }),
    ],
    themes,
    loop: closedLoop(cases, period, NOW, TZ),
    kudos: [
      { name: "Søren Holm", email: "soren@firma.dk", teamName: "Kundeservice", count: 4, optedOut: false },
      { name: "Bente Berg", email: "bente@firma.dk", teamName: "Salg", count: 2, optedOut: true },
    ],
    minResponses: 30,
    ...over,
  };
}

const text = (m: Message) => renderConsole(m);

describe("the report, built", () => {
  it("Danish: the chart first, best team first, the company, every team, themes, the loop and kudos", () => {
    const m = buildReport(view(), "da", TZ);
    expect(m.blocks[0]).toEqual({ type: "header", text: "Månedsrapport · november 2026" });
    expect(m.blocks[1]).toEqual({
      type: "barChart", title: "NPS pr. team · november 2026", seriesLabel: "NPS",
      bars: [{ label: "Kundeservice", value: 52 }, { label: "Lager *", value: 50 }, { label: "Salg", value: 17 }],
    });
    const out = text(m);
    expect(out).toContain("* færre end 30 svar: tallet er meget usikkert.");
    expect(out).toContain("  Hele firmaet  +38, usikkerhed ±11 (210 svar) · Ændring fra oktober (+24): +14 point, inden for usikkerheden");
    expect(out).toContain("Kundeservice  +52, usikkerhed ±12 (125 svar) · Ændring fra oktober (+35): +17 point, inden for usikkerheden · Mål +45 inden 1. jul. 2027: på vej ✅");
    expect(out).toContain("Lager         For få svar (4 af 30): +50, meget usikkert · Ændring fra oktober (+25): +25 point, for få svar til at sige, om det er en reel ændring");
    expect(out).toContain("(Ingen svar: Økonomi.)");
    expect(out).toContain("Hvad kritikerne taler om: ventetiden (15) · fakturaen (9)");
    expect(out).toContain("Hvad de glade kunder roser: hurtig hjælp (18)");
    expect(out).toContain("Kontaktet inden for 48 arbejdstimer  1 af 3 sager (33 %), få sager");
    expect(out).toMatch(/Udfald +1 × kunden er vundet tilbage · 1 × ikke vundet tilbage\n/);
    expect(out).toContain("Søren Holm (Kundeservice): 4\nEn kollega (Salg): 2");
    expect(out).not.toContain("Bente");
    expect(m.summary).toBe("Månedsrapport · november 2026: hele firmaet +38 (210 svar) · bedst: Kundeservice +52 · 4 teams");
  });

  it("English, a quarter: the same parts in English, opted-out as 'a colleague'", () => {
    const q = parsePeriod("Q3 2026", NOW, TZ);
    if (!q.ok) throw new Error("quarter");
    const m = buildReport(view({ period: q.period, previousPeriod: previousPeriod(q.period, TZ) }), "en", TZ);
    expect(m.blocks[0]).toEqual({ type: "header", text: "Quarterly report · Q3 2026" });
    const out = text(m);
    expect(out).toContain("The whole company  +38, margin ±11 (210 answers) · Change from Q2 (+24): +14 points, within the margin of error");
    expect(out).toContain("What detractors talk about: ventetiden (15)");
    expect(out).toContain("Contacted within 48 working hours  1 of 3 cases (33 %), few cases");
    expect(out).toContain("A colleague (Salg): 2");
    expect(out).not.toMatch(/Hele firmaet|kritikerne|kollega/);
  });

  it("small samples, no goals, no kudos, no cases and too few comments are each said plainly", () => {
    for (const lang of ["da", "en"] as Lang[]) {
      const m = buildReport(
        view({
          company: figures({ promoters: 3, passives: 1, detractors: 1 }, { promoters: 0, passives: 0, detractors: 0 }),
          teams: [row("Salg", { promoters: 3, passives: 1, detractors: 1 }, { promoters: 0, passives: 0, detractors: 0 })],
          themes: { ...themes, result: { kind: "tooFew", detractorComments: 1, promoterComments: 3, minimum: 10 } },
          loop: closedLoop([], period, NOW, TZ),
          kudos: [],
        }),
        lang,
        TZ,
      );
      const out = text(m);
      const da = lang === "da";
      expect(out).toContain(da ? "For få svar (5 af 30): +40, meget usikkert · Ændring fra oktober: ingen svar at sammenligne med" : "Too few answers (5 of 30): +40, very uncertain · Change from October: no answers to compare with");
      expect(out).toContain(da ? "For få kommentarer til temaer (1 af 10 på den mindste side)." : "Too few comments for themes (1 of 10 on the smaller side).");
      expect(out).toContain(da ? "Ingen sager i perioden." : "No cases in the period.");
      expect(out).toContain(da ? "Ingen kunder nævnte en medarbejder ved navn i november 2026." : "No customer named an employee in November 2026.");
      expect(out).not.toMatch(/Mål|Goal/);
    }
  });

  it("no teams with answers: no chart, the company figure says there are no answers", () => {
    const m = buildReport(view({ company: figures({ promoters: 0, passives: 0, detractors: 0 }, { promoters: 0, passives: 0, detractors: 0 }), teams: [row("Salg", { promoters: 0, passives: 0, detractors: 0 }, { promoters: 0, passives: 0, detractors: 0 })] }), "da", TZ);
    expect(m.blocks.some((b) => b.type === "barChart")).toBe(false);
    expect(text(m)).toContain("Hele firmaet  ingen svar");
  });
});

describe("the report with 30 teams", () => {
  const many = view({
    teams: Array.from({ length: 30 }, (_, i) =>
      row(`Hold nummer ${String(i + 1).padStart(2, "0")} – regionen`, { promoters: 40 + i, passives: 20, detractors: 30 - (i % 20) }, { promoters: 35, passives: 25, detractors: 30 }, i % 3 === 0 ? { targetNps: 30, dueAt: new Date("2027-06-30T22:00:00Z"), currentNps: 20, forecastNps: 25, status: "at_risk", elapsedShare: 0.5 } : null),
    ),
    kudos: Array.from({ length: 12 }, (_, i) => ({ name: `Medarbejder ${i + 1}`, email: null, teamName: `Hold nummer ${String(i + 1).padStart(2, "0")} – regionen`, count: 12 - i, optedOut: i % 4 === 1 })),
  });

  for (const lang of ["da", "en"] as Lang[]) {
    it(`${lang}: the chart and the list stop at 20 and say how many more; Slack and Teams stay within their limits`, () => {
      const m = buildReport(many, lang, TZ);
      const chart = m.blocks.find((b) => b.type === "barChart");
      expect(chart && chart.type === "barChart" && chart.bars).toHaveLength(20);
      expect(text(m)).toContain(lang === "da" ? "og 10 flere teams (kundepuls report viser dem alle)." : "and 10 more teams (kundepuls report shows them all).");
      expect(text(m)).toContain(lang === "da" ? "og 7 flere" : "and 7 more");
      const slack = renderMessage(m);
      expect(limitViolations(slack.blocks)).toEqual([]);
      expect(slack.blocks.some((b) => b.type === "data_visualization")).toBe(true);
      // nothing was cut off: the last block (how to read the margin) is there
      expect(JSON.stringify(slack.blocks.at(-1))).toContain(lang === "da" ? "95 %-interval" : "95 % interval");
      const card = renderCard(m);
      expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(TEAMS_LIMITS.cardBytes);
      expect(JSON.stringify(card)).toContain(lang === "da" ? "95 %-interval" : "95 % interval");
      const bars = (card.body as Record<string, any>[]).find((e) => e.type === "Chart.HorizontalBar");
      expect(bars?.data).toHaveLength(20);
    });
  }

  it("the console (kundepuls report) lists every team", () => {
    const out = text(buildReport(many, "da", TZ, { maxTeams: Number.MAX_SAFE_INTEGER }));
    expect(out).toContain("Hold nummer 30 – regionen");
    expect(out).not.toContain("flere teams");
  });
});
