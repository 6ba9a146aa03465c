// The weekly team view (the tactical level): one ISO week of a team on a phone screen — the
// week's NPS against the goal, what detractors and happy customers wrote about, how the team
// closed the loop with its detractors, and whom customers thanked by name.
import type { ClosedLoop } from "../core/closed-loop.ts";
import { CONTACT_WITHIN_WORKING_HOURS } from "../core/closed-loop.ts";
import type { NpsFigures } from "../core/nps.ts";
import { countOf } from "../core/plural.ts";
import type { Theme, ThemesResult } from "../core/themes/index.ts";
import { formatFigure } from "./figures.ts";
import { capitalized, formatDate, formatNpsValue, formatNumber } from "./format.ts";
import type { Block, Fact, Message } from "./model.ts";
import { thankedName } from "./kudos.ts";
import type { Lang, Texts } from "../core/language.ts";

/** Themes a side and people thanked that fit a phone screen; the rest is counted, not listed. */
export const WEEKLY_MAX_THEMES = 3;
export const WEEKLY_MAX_KUDOS = 5;

export interface WeeklyKudos {
  name: string | null;
  email: string | null;
  /** counted, never named: "en kollega" (messages/kudos.ts thankedName) */
  optedOut: boolean;
  count: number;
}

export interface WeeklyView {
  team: { slug: string; name: string };
  week: { key: string; label: Texts };
  figures: NpsFigures;
  minResponses: number;
  /** the team's current goal; null = none */
  goal: { targetNps: number; dueAt: Date } | null;
  themes: ThemesResult;
  loop: ClosedLoop;
  /** most thanked first */
  kudos: WeeklyKudos[];
}

const T = {
  da: {
    header: (team: string, week: string) => `${team} – ${week}`,
    quiet: "ingen svar fra kunderne.",
    split: (n: string, split: string) => `${n} i ugen: ${split}.`,
    nps: "NPS i ugen",
    goal: (target: string) => `Mål ${target}`,
    below: (points: string) => `${points} under`,
    above: (points: string) => `${points} over`,
    onTarget: "lige på målet",
    noFigure: "ingen svar at sammenligne med",
    uncertain: "usikkert: for få svar",
    due: (date: string) => `inden ${date}`,
    cases: "Sager om utilfredse kunder",
    casesValue: (opened: number, closed: number) => `${opened} åbnet, ${closed} lukket`,
    noCases: "ingen i ugen",
    claim: "Median tid til nogen tog sagen",
    hours: (h: string) => `${h} timer`,
    contacted: `Kontaktet inden ${CONTACT_WITHIN_WORKING_HOURS} arbejdstimer`,
    of: (a: number, b: number) => `${a} af ${b}`,
    detractors: "Hvad kritikerne taler om",
    promoters: "Hvad de glade kunder roser",
    mentions: (n: string, of: string) => `${n} af ${of} kommentarer`,
    nothing: "intet tema skiller sig tydeligt ud",
    tooFew: (n: string, min: string) => `for få kommentarer (${n} af ${min})`,
    kudos: "Kunderne takkede ved navn",
    and: (rest: string) => ` og ${rest}`,
  },
  en: {
    header: (team: string, week: string) => `${team} – ${week}`,
    quiet: "no answers from customers.",
    split: (n: string, split: string) => `${n} this week: ${split}.`,
    nps: "NPS this week",
    goal: (target: string) => `Goal ${target}`,
    below: (points: string) => `${points} below`,
    above: (points: string) => `${points} above`,
    onTarget: "right on target",
    noFigure: "no answers to compare with",
    uncertain: "uncertain: too few answers",
    due: (date: string) => `by ${date}`,
    cases: "Detractor cases",
    casesValue: (opened: number, closed: number) => `${opened} opened, ${closed} closed`,
    noCases: "none this week",
    claim: "Median time to claim",
    hours: (h: string) => `${h} hours`,
    contacted: `Contacted within ${CONTACT_WITHIN_WORKING_HOURS} working hours`,
    of: (a: number, b: number) => `${a} of ${b}`,
    detractors: "What detractors talk about",
    promoters: "What happy customers praise",
    mentions: (n: string, of: string) => `${n} of ${of} comments`,
    nothing: "no theme clearly stands out",
    tooFew: (n: string, min: string) => `too few comments (${n} of ${min})`,
    kudos: "Customers thanked by name",
    and: (rest: string) => ` and ${rest}`,
  },
} as const;

export const isQuietWeek = (v: WeeklyView) => v.figures.responses === 0;

/** "mål +40: 6 point under": the week's NPS against the target, honest about a small sample. */
export function goalFact(v: WeeklyView, lang: Lang, timeZone: string): Fact | null {
  if (!v.goal) return null;
  const t = T[lang];
  const label = t.goal(formatNpsValue(v.goal.targetNps));
  const due = t.due(formatDate(v.goal.dueAt, lang, timeZone));
  if (v.figures.nps === null) return { label, value: `${t.noFigure} · ${due}` };
  const gap = Math.round(v.figures.nps) - Math.round(v.goal.targetNps);
  const points = countOf(Math.abs(gap), "point", lang);
  const said = gap < 0 ? t.below(points) : gap > 0 ? t.above(points) : t.onTarget;
  const honest = v.figures.responses < v.minResponses ? ` (${t.uncertain})` : "";
  return { label, value: `${said}${honest} · ${due}` };
}

function loopFacts(loop: ClosedLoop, lang: Lang): Fact[] {
  const t = T[lang];
  const facts: Fact[] = [{ label: t.cases, value: loop.opened + loop.closed === 0 ? t.noCases : t.casesValue(loop.opened, loop.closed) }];
  if (loop.medianHoursToClaim !== null) facts.push({ label: t.claim, value: t.hours(formatNumber(loop.medianHoursToClaim, lang, 1)) });
  if (loop.contactJudged > 0) facts.push({ label: t.contacted, value: t.of(loop.contactedInTime, loop.contactJudged) });
  return facts;
}

function themeSide(heading: string, themes: Theme[], comments: number, lang: Lang): Block[] {
  const t = T[lang];
  const n = (x: number) => formatNumber(x, lang);
  const shown = themes.slice(0, WEEKLY_MAX_THEMES);
  if (shown.length === 0) return [{ type: "text", text: heading, emphasis: "strong" }, { type: "text", text: `${capitalized(t.nothing)}.`, emphasis: "muted" }];
  const blocks: Block[] = [
    { type: "text", text: heading, emphasis: "strong" },
    { type: "text", text: shown.map((theme) => `${theme.label} · ${t.mentions(n(theme.count), n(comments))}`).join("\n") },
  ];
  const quote = shown[0]!.quotes[0];
  if (quote) blocks.push({ type: "quote", text: quote });
  return blocks;
}

function themeBlocks(result: ThemesResult, lang: Lang): Block[] {
  const t = T[lang];
  const n = (x: number) => formatNumber(x, lang);
  if (result.kind === "tooFew") {
    return [
      { type: "text", text: `${t.detractors}: ${t.tooFew(n(result.detractorComments), n(result.minimum))}` },
      { type: "text", text: `${t.promoters}: ${t.tooFew(n(result.promoterComments), n(result.minimum))}` },
    ];
  }
  return [...themeSide(t.detractors, result.detractors, result.detractorComments, lang), ...themeSide(t.promoters, result.promoters, result.promoterComments, lang)];
}

/** "Søren Holm (3), en kollega (2), Mette Lund (1) og 4 flere". */
export function kudosLine(kudos: WeeklyKudos[], lang: Lang): string {
  const t = T[lang];
  const shown = kudos.slice(0, WEEKLY_MAX_KUDOS).map((k, i) => `${thankedName(k, lang, { lineStart: i === 0 })} (${formatNumber(k.count, lang)})`);
  const rest = kudos.length - WEEKLY_MAX_KUDOS;
  return shown.join(", ") + (rest > 0 ? t.and(countOf(rest, "more", lang)) : "");
}

export function buildWeekly(v: WeeklyView, lang: Lang, timeZone: string): Message {
  const t = T[lang];
  const header = t.header(v.team.name, v.week.label[lang]);
  const goal = goalFact(v, lang, timeZone);
  if (isQuietWeek(v)) {
    const line = `${capitalized(v.week.label[lang])}: ${t.quiet}`;
    const blocks: Block[] = [{ type: "header", text: header }, { type: "text", text: line }, { type: "facts", facts: [...(goal ? [goal] : []), ...loopFacts(v.loop, lang)] }];
    return { kind: "weekly", lang, summary: `${header}: ${t.quiet}`, blocks };
  }
  const figure = formatFigure(v.figures, v.minResponses, lang);
  const split = [countOf(v.figures.promoters, "promoter", lang), countOf(v.figures.passives, "passive", lang), countOf(v.figures.detractors, "detractor", lang)].join(", ");
  const blocks: Block[] = [
    { type: "header", text: header },
    { type: "text", text: t.split(countOf(v.figures.responses, "answer", lang), split) },
    { type: "facts", facts: [{ label: t.nps, value: figure }, ...(goal ? [goal] : [])] },
    { type: "facts", facts: loopFacts(v.loop, lang) },
    { type: "divider" },
    ...themeBlocks(v.themes, lang),
  ];
  if (v.kudos.length > 0) blocks.push({ type: "divider" }, { type: "text", text: t.kudos, emphasis: "strong" }, { type: "text", text: kudosLine(v.kudos, lang) });
  return { kind: "weekly", lang, summary: `${header}: ${t.nps} ${figure}`, blocks };
}
