// Kudos in words: the line in a story post naming the colleagues the customer thanked, the private
// "a customer thanked you", the answer to "/nps kudos [periode] [team]" and to "/nps kudos fra|til".
import type { Period } from "../core/periods.ts";
import { capitalized, formatNumber } from "./format.ts";
import type { Block, MentionPart, Message, PersonMention } from "./model.ts";
import type { Lang } from "../core/language.ts";

/** The people a list shows by name; the rest are "og 12 flere". */
export const KUDOS_LIST_CAP = 15;

const T = {
  da: {
    thanked: "Kunden takkede ",
    and: " og ",
    colleague: "en kollega",
    colleagues: (n: number) => `${formatNumber(n, "da")} kolleger`,
    dmHeader: "🙌 En kunde takkede dig",
    dmIntro: (team: string | null, score: number) => `En kunde${team ? ` hos ${team}` : ""} gav ${score}/10 og nævnte dig ved navn.`,
    dmNoQuote: "Kunden har ikke givet lov til at dele sine ord, så de vises ikke her. Takken er din alligevel.",
    dmCustomer: "en kunde",
    listTitle: (scope: string, label: string) => `Kudos ${scope}${label}`,
    none: (label: string) => `Ingen kudos i ${label}.`,
    team: (name: string, total: number) => `${name}: ${formatNumber(total, "da")} kudos`,
    noTeam: "Uden team",
    hidden: (people: number) => (people === 1 ? "En kollega, der ikke vil nævnes" : `${formatNumber(people, "da")} kolleger, der ikke vil nævnes`),
    more: (n: number) => `… og ${formatNumber(n, "da")} flere`,
    how: "Kudos: en glad kunde (9–10) nævnte en kollega ved navn. Slå det fra for dig selv med /nps kudos fra.",
    optedOut: "Du nævnes ikke længere ved navn, når en kunde takker dig. Du tæller stadig med i teamets kudos og får stadig en privat besked. Slå det til igen med /nps kudos til.",
    optedIn: "Du nævnes igen ved navn, når en kunde takker dig.",
    unknownPerson: "Jeg kan ikke se, hvem du er – prøv igen fra Slack eller Teams.",
  },
  en: {
    thanked: "The customer thanked ",
    and: " and ",
    colleague: "a colleague",
    colleagues: (n: number) => `${formatNumber(n, "en")} colleagues`,
    dmHeader: "🙌 A customer thanked you",
    dmIntro: (team: string | null, score: number) => `A customer${team ? ` of ${team}` : ""} gave ${score}/10 and named you.`,
    dmNoQuote: "The customer did not consent to sharing their words, so they are not shown here. The thanks are yours all the same.",
    dmCustomer: "a customer",
    listTitle: (scope: string, label: string) => `Kudos ${scope}${label}`,
    none: (label: string) => `No kudos in ${label}.`,
    team: (name: string, total: number) => `${name}: ${formatNumber(total, "en")} kudos`,
    noTeam: "No team",
    hidden: (people: number) => (people === 1 ? "A colleague who prefers not to be named" : `${formatNumber(people, "en")} colleagues who prefer not to be named`),
    more: (n: number) => `… and ${formatNumber(n, "en")} more`,
    how: "Kudos: a happy customer (9–10) named a colleague. Turn it off for yourself with /nps kudos off.",
    optedOut: "You will no longer be named when a customer thanks you. You still count in your team's kudos and still get a private message. Turn it back on with /nps kudos on.",
    optedIn: "You will be named again when a customer thanks you.",
    unknownPerson: "I cannot tell who you are – please try again from Slack or Teams.",
  },
} as const;

/**
 * How every list of kudos (the /nps kudos answer, the weekly view, the monthly report) names a
 * thanked person: by name, else by e-mail; "en kollega" when they opted out or are unknown.
 */
export function thankedName(row: { name: string | null; email?: string | null; optedOut: boolean }, lang: Lang, opts: { lineStart?: boolean } = {}): string {
  const shown = row.optedOut ? null : (row.name ?? row.email ?? null);
  if (shown !== null) return shown;
  const colleague = T[lang].colleague;
  return opts.lineStart ? capitalized(colleague) : colleague;
}

/** Whom a customer thanked: the people who may be named, and how many opted out (only counted). */
export interface Thanks {
  named: PersonMention[];
  unnamed: number;
}

/**
 * "Kunden takkede @Søren, Mette og en kollega": the people who may be named (mentions where the
 * face can), and those who opted out only as a count. Null when nobody was thanked.
 */
export function thanksLine({ named, unnamed }: Thanks, lang: Lang): Block | null {
  const t = T[lang];
  const items: MentionPart[] = [...named];
  if (unnamed > 0) items.push(unnamed === 1 ? t.colleague : t.colleagues(unnamed));
  if (items.length === 0) return null;
  const parts: MentionPart[] = [t.thanked];
  items.forEach((item, i) => {
    if (i > 0) parts.push(i === items.length - 1 ? t.and : ", ");
    parts.push(item);
  });
  parts.push(" 🙌");
  return { type: "mentions", parts };
}

/** The word standing where an opted-out colleague's name was in a story's quote. */
export const colleagueWord = (lang: Lang): string => T[lang].colleague;

export interface KudosThanksView {
  team: string | null;
  score: number;
  /** the redacted comment, or null when the story rules do not allow sharing it */
  quote: string | null;
}

/** The private message to the thanked person. */
export function buildKudosThanks(v: KudosThanksView, lang: Lang): Message {
  const t = T[lang];
  const blocks: Block[] = [{ type: "header", text: t.dmHeader }, { type: "text", text: t.dmIntro(v.team, v.score) }];
  blocks.push(v.quote ? { type: "quote", text: v.quote, attribution: t.dmCustomer } : { type: "context", text: t.dmNoQuote });
  return { kind: "kudosThanks", lang, summary: v.quote ? `${t.dmHeader}: ${v.quote.slice(0, 120)}` : t.dmHeader, blocks };
}

/** One person's kudos in one team (the shape of KudosStore.tally's rows). */
export interface KudosRow {
  name: string | null;
  email: string | null;
  teamId: number | null;
  count: number;
  optedOut: boolean;
}

export interface KudosReport {
  period: Period;
  /** the team asked about, or null for all */
  team: { slug: string; name: string } | null;
  rows: KudosRow[];
  /** team id → name */
  teamNames: Map<number, string>;
}

/** "/nps kudos [periode] [team]": per team (most first), its people with counts; opted-out people only counted. */
export function buildKudosList(report: KudosReport, lang: Lang): Message {
  const t = T[lang];
  const title = t.listTitle(report.team ? `${report.team.name} · ` : "", report.period.label[lang]);
  const blocks: Block[] = [{ type: "header", text: title }];
  if (report.rows.length === 0) {
    const line = t.none(report.period.label[lang]);
    return { kind: "kudosList", lang, summary: line, blocks: [...blocks, { type: "text", text: line }] };
  }
  const byTeam = new Map<number | null, KudosRow[]>();
  for (const row of report.rows) byTeam.set(row.teamId, [...(byTeam.get(row.teamId) ?? []), row]);
  const total = (rows: KudosRow[]) => rows.reduce((sum, r) => sum + r.count, 0);
  const teamName = (id: number | null) => (id === null ? t.noTeam : report.teamNames.get(id) ?? t.noTeam);
  const teams = [...byTeam.entries()].sort((a, b) => total(b[1]) - total(a[1]) || teamName(a[0]).localeCompare(teamName(b[0]), "da"));
  let shown = 0;
  let left = 0;
  for (const [teamId, rows] of teams) {
    const lines: string[] = [];
    for (const r of rows.filter((r) => !r.optedOut)) {
      if (shown >= KUDOS_LIST_CAP) {
        left++;
        continue;
      }
      shown++;
      lines.push(`• ${r.name ?? r.email ?? t.colleague}: ${formatNumber(r.count, lang)}`);
    }
    const hidden = rows.filter((r) => r.optedOut);
    if (hidden.length > 0) lines.push(`• ${t.hidden(hidden.length)}: ${formatNumber(total(hidden), lang)}`);
    blocks.push({ type: "text", text: t.team(teamName(teamId), total(rows)), emphasis: "strong" }, { type: "text", text: lines.join("\n") });
  }
  if (left > 0) blocks.push({ type: "text", text: t.more(left) });
  blocks.push({ type: "context", text: t.how });
  const all = total(report.rows);
  return { kind: "kudosList", lang, summary: `${title}: ${formatNumber(all, lang)} kudos`, blocks };
}

/** The reply to "/nps kudos fra|til" (null person: the asker could not be told apart). */
export function buildKudosOptOutReply(optOut: boolean | null, lang: Lang): Message {
  const t = T[lang];
  const text = optOut === null ? t.unknownPerson : optOut ? t.optedOut : t.optedIn;
  return { kind: "notice", lang, summary: text, blocks: [{ type: "text", text }] };
}
