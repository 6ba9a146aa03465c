// Messages the bot really sends, built with the real builders from realistic data: the /nps
// answer (with trend and gauge), help, binding replies, the alert (with its resolve form), the
// digest and story the services queue for Teams, and the personal home card.
import { compareNps, computeNps } from "../../../src/core/nps.ts";
import { parsePeriod, previousPeriod, trendBuckets } from "../../../src/core/periods.ts";
import type { NpsReport } from "../../../src/core/report.ts";
import { buildAlert, type CaseView } from "../../../src/messages/alert.ts";
import { buildBindingReply } from "../../../src/messages/binding.ts";
import { buildDigest } from "../../../src/messages/digest.ts";
import { buildHelp, buildProblem } from "../../../src/messages/help.ts";
import { buildHome } from "../../../src/messages/home.ts";
import type { Message } from "../../../src/messages/model.ts";
import type { Lang } from "../../../src/core/language.ts";
import { buildNpsAnswer } from "../../../src/messages/nps-answer.ts";
import { buildStory } from "../../../src/messages/story.ts";

const TZ = "Europe/Copenhagen";
export const NOW = new Date("2026-11-28T10:00:00Z");

const counts = (promoters: number, passives: number, detractors: number) => ({ promoters, passives, detractors });

export function npsReport(): NpsReport {
  const parsed = parsePeriod("sidste kvartal", NOW, TZ);
  if (!parsed.ok) throw new Error("period");
  const period = parsed.period;
  const figures = computeNps(counts(46, 20, 18), 30);
  const before = computeNps(counts(30, 25, 25), 30);
  const trend = trendBuckets(period, NOW, TZ).map((b, i) => ({ label: b.label, short: b.short, partial: b.partial, from: b.from, to: b.to, nps: i === 1 ? null : 10 + 7 * i, responses: i === 1 ? 0 : 28 }));
  return {
    period,
    scope: { team: { slug: "support", name: "Kundeservice" }, touchpoint: "telefon" },
    figures,
    previous: { period: previousPeriod(period, TZ), figures: before, comparison: compareNps(figures, before) },
    trend,
  };
}

export const caseView = (over: Partial<CaseView> = {}): CaseView => ({
  id: 42, state: "open", score: 2, ces: 1, comment: "Ventede 40 minutter i telefonen og blev afbrudt to gange. Helt uacceptabelt!",
  customerName: "Åse Ørum", customerAccount: "Bageriet ApS", contact: null, team: { slug: "support", name: "Kundeservice" },
  touchpoint: "telefon", answeredAt: new Date("2026-11-28T08:12:00Z"), openedAt: new Date("2026-11-28T08:13:00Z"), ownerName: "Mette Holm",
  claimedBy: null, resolvedBy: null, actionTaken: null, outcome: null, ...over,
});

/** Every kind of message that can reach Teams today, in both languages. */
export function sampleMessages(): { name: string; message: Message }[] {
  const out: { name: string; message: Message }[] = [];
  const report = npsReport();
  for (const lang of ["da", "en"] as Lang[]) {
    out.push({ name: `nps answer (${lang})`, message: buildNpsAnswer(report, lang, 30, TZ) });
    out.push({ name: `help (${lang})`, message: buildHelp(lang, "teams", { team: "support", touchpoint: "telefon" }) });
    out.push({ name: `a problem (${lang})`, message: buildProblem(lang, lang === "da" ? 'Det forstod jeg ikke: "nps *fed* [link](https://x.example)"' : 'I did not understand "nps *bold*"') });
    const ok = { ok: true as const, team: { slug: "support", name: "Kundeservice" }, purposes: ["digest" as const, "alerts" as const], changed: 2 };
    out.push({ name: `connect reply (${lang})`, message: buildBindingReply("connect", ok, lang) });
    out.push({ name: `disconnect reply (${lang})`, message: buildBindingReply("disconnect", ok, lang) });
    out.push({ name: `unknown team reply (${lang})`, message: buildBindingReply("connect", { ok: false, reason: "unknownTeam", teams: ["salg", "support"] }, lang) });
    out.push({ name: `alert (${lang})`, message: buildAlert(caseView(), lang, NOW) });
    out.push({ name: `claimed alert (${lang})`, message: buildAlert(caseView({ state: "claimed", claimedBy: "Mette Holm" }), lang, NOW) });
    out.push({
      name: `digest (${lang})`,
      message: buildDigest(
        {
          team: { slug: "support", name: "Kundeservice" },
          sinceLast: { promoters: 4, passives: 1, detractors: 1, responses: 6 },
          rolling: report.figures,
          before: report.previous.figures,
          minResponses: 30,
          comparison: report.previous.comparison,
          goal: null,
          bestQuote: { text: "Hurtig og venlig hjælp – tak!", attribution: "Søren" },
          openCases: { open: 2, inProgress: 1, oldestOpenedAt: new Date("2026-11-26T09:00:00Z") },
          trend: report.trend,
        },
        lang,
        NOW,
        TZ,
      ),
    });
    out.push({
      name: `story (${lang})`,
      message: buildStory({ id: 7, kind: "promoter", text: "Jeg fik hjælp på fem minutter, og de ringede tilbage dagen efter for at høre, om alt virkede.", score: 10, team: { slug: "support", name: "Kundeservice" }, touchpoint: "telefon", attribution: "Åse Ørum, Bageriet ApS", submittedBy: null }, lang),
    });
    out.push({
      name: `home (${lang})`,
      message: buildHome(
        {
          personName: "Mette Holm",
          known: true,
          openCases: [caseView(), caseView({ id: 43, state: "claimed", claimedBy: "Mette Holm", comment: null })],
          monthLabel: lang === "da" ? "december 2026 (1.–7.)" : "December 2026 (1–7)",
          minResponses: 30,
          teams: [{ slug: "support", name: "Kundeservice", goal: null, month: { nps: 20, marginOfError: 9.5, responses: 40 } }],
          company: { nps: 18, marginOfError: 7.2, responses: 120 },
        },
        lang,
        NOW,
        TZ,
      ),
    });
  }
  return out;
}
