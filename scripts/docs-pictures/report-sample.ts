// The monthly report pictured in docs/img/ (report-slack-da, report-teams-da): built by the real
// builder (src/messages/report.ts) from fixed sample figures of six teams in November 2026.
import { closedLoop } from "../../src/core/closed-loop.ts";
import { compareNps, computeNps, type ScoreCounts } from "../../src/core/nps.ts";
import { parsePeriod, previousPeriod } from "../../src/core/periods.ts";
import type { Message } from "../../src/messages/model.ts";
import { buildReport, type ReportTeamRow } from "../../src/messages/report.ts";
import type { Lang } from "../../src/core/language.ts";

const TZ = "Europe/Copenhagen";
const NOW = new Date("2026-12-01T08:00:00Z");

const figures = (current: ScoreCounts, before: ScoreCounts) => {
  const f = computeNps(current, 30);
  const p = computeNps(before, 30);
  return { figures: f, previous: p, comparison: compareNps(f, p) };
};

const team = (name: string, now: [number, number, number], before: [number, number, number], goal: ReportTeamRow["goal"] = null): ReportTeamRow => ({
  team: { slug: name.toLowerCase(), name },
  ...figures({ promoters: now[0], passives: now[1], detractors: now[2] }, { promoters: before[0], passives: before[1], detractors: before[2] }),
  goal,
});

export function report(lang: Lang): Message {
  const parsed = parsePeriod("2026-11", NOW, TZ);
  if (!parsed.ok) throw new Error("the sample period does not parse");
  const period = parsed.period;
  const opened = (day: number, hour: number) => new Date(Date.UTC(2026, 10, day, hour));
  const cases = [
    ...[3, 5, 9, 12, 16, 19, 23].map((d) => ({ openedAt: opened(d, 8), claimedAt: opened(d, 10), resolvedAt: opened(d + 1, 9), outcome: "recovered" })),
    ...[6, 13, 20].map((d) => ({ openedAt: opened(d, 9), claimedAt: opened(d, 14), resolvedAt: opened(d + 1, 15), outcome: "not_recovered" })),
    { openedAt: opened(10, 9), claimedAt: opened(11, 9), resolvedAt: opened(17, 9), outcome: "no_contact" },
    { openedAt: opened(24, 9), claimedAt: null, resolvedAt: null, outcome: null },
  ];
  return buildReport(
    {
      period,
      previousPeriod: previousPeriod(period, TZ),
      company: figures({ promoters: 312, passives: 140, detractors: 96 }, { promoters: 280, passives: 150, detractors: 110 }),
      teams: [
        team("Kundeservice", [118, 40, 22], [96, 46, 30], { targetNps: 50, dueAt: new Date("2027-06-30T22:00:00Z"), currentNps: 53, forecastNps: null, status: "on_track", elapsedShare: 0.4 }),
        team("Salg", [64, 30, 28], [60, 32, 26]),
        team("Levering", [52, 38, 30], [48, 40, 38], { targetNps: 30, dueAt: new Date("2027-03-31T22:00:00Z"), currentNps: 18, forecastNps: null, status: "at_risk", elapsedShare: 0.7 }),
        team("Teknisk support", [70, 28, 12], [66, 26, 14]),
        team("Økonomi", [8, 4, 4], [6, 6, 2]),
      ],
      themes: {
        period,
        team: null,
        comments: 214,
        result: {
          kind: "themes", detractorComments: 71, promoterComments: 118, minimum: 10,
          detractors: [
            { key: "ventetid", label: "ventetid", count: 24, otherCount: 2, z: 4.1, quotes: [lang === "da" ? "Ventetiden i telefonen var over en halv time." : "The wait on the phone was over half an hour."] },
            { key: "faktura", label: "faktura", count: 17, otherCount: 1, z: 3.6, quotes: [] },
            { key: "ring tilbag", label: "ringede ikke tilbage", count: 11, otherCount: 0, z: 3.2, quotes: [] },
          ],
          promoters: [
            { key: "hurtig hjælp", label: "hurtig hjælp", count: 41, otherCount: 3, z: 4.4, quotes: [lang === "da" ? "Hurtig hjælp og en venlig tone – tak!" : "Quick help and a friendly tone – thank you!"] },
            { key: "venlig", label: "venlig", count: 33, otherCount: 4, z: 3.7, quotes: [] },
          ],
        },
      },
      loop: closedLoop(cases, period, NOW, TZ),
      kudos: [
        { name: "Søren Holm", email: null, teamName: "Kundeservice", count: 6, optedOut: false },
        { name: "Maja Lund", email: null, teamName: "Teknisk support", count: 4, optedOut: false },
        { name: "Bente Berg", email: null, teamName: "Levering", count: 2, optedOut: true },
      ],
      minResponses: 30,
    },
    lang,
    TZ,
  );
}
