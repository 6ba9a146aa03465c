// "/nps [period] [team] [touchpoint] [del|share]" → what the person asked for.
// The same words work in Slack, Teams and the console; faces only strip their own syntax.
import { detectLang } from "./language.ts";
import { reportPeriod } from "./report-schedule.ts";
import { matchPeriodPrefix, parsePeriod, type Period } from "./periods.ts";
import type { Lang, Texts } from "./language.ts";

export const CHANNEL_PURPOSES = ["digest", "stories", "alerts"] as const;
export type ChannelPurpose = (typeof CHANNEL_PURPOSES)[number];

/** Danish and English words for what a channel receives. */
const PURPOSE_WORDS: Record<string, ChannelPurpose> = {
  digest: "digest", opsummering: "digest", daglig: "digest",
  stories: "stories", story: "stories", historier: "stories", kundehistorier: "stories",
  alerts: "alerts", alert: "alerts", alarmer: "alerts", advarsler: "alerts",
};

export type NpsCommand =
  | { kind: "help"; lang: Lang }
  | { kind: "connect" | "disconnect"; lang: Lang; team: string; purposes: ChannelPurpose[] }
  | { kind: "cases"; lang: Lang; team: string | null; openOnly: boolean }
  | { kind: "goal"; lang: Lang; words: string[] }
  | { kind: "query"; lang: Lang; period: Period; team: string | null; touchpoint: string | null; share: boolean }
  | { kind: "themes"; lang: Lang; period: Period; team: string | null }
  | { kind: "kudos"; lang: Lang; period: Period; team: string | null }
  | { kind: "kudosOptOut"; lang: Lang; optOut: boolean }
  /** the monthly (or quarterly) report for management: every team side by side */
  | { kind: "report"; lang: Lang; period: Period }
  | { kind: "invalid"; lang: Lang; error: Texts };

export interface CommandContext {
  now: Date;
  timeZone: string;
  defaultLang: Lang;
  /** known team slugs and touchpoint names, to tell them apart from period words */
  teams: string[];
  touchpoints: string[];
}

const HELP_WORDS = new Set(["help", "hjælp", "hjaelp", "?", "-h", "--help"]);
const SHARE_WORDS = new Set(["del", "share"]);
/** "/nps temaer …" answers in Danish, "/nps themes …" in English. */
const THEME_WORDS: Record<string, Lang> = { temaer: "da", tema: "da", themes: "en", theme: "en" };
/** "/nps kudos fra|til" (Danish reply), "/nps kudos off|on" (English): whether the asker may be named. */
const KUDOS_SWITCH: Record<string, { optOut: boolean; lang: Lang }> = {
  fra: { optOut: true, lang: "da" }, off: { optOut: true, lang: "en" }, til: { optOut: false, lang: "da" }, on: { optOut: false, lang: "en" },
};
/** "/nps rapport …" answers in Danish, "/nps report …" in English. */
const REPORT_WORDS: Record<string, Lang> = { rapport: "da", report: "en" };

function findName(word: string, names: string[]): string | null {
  const lower = word.toLowerCase();
  return names.find((n) => n.toLowerCase() === lower) ?? null;
}

/**
 * The language of the reply: the asker's when their own words are clearly Danish or clearly
 * English (see detectLang), else the workspace default. Team and touchpoint names are the
 * workspace's, not the asker's, so they do not count: "/nps cases support" is English ("cases"),
 * "/nps support" has no words of either language and gets DEFAULT_LANGUAGE.
 */
export function replyLang(words: string[], ctx: Pick<CommandContext, "teams" | "touchpoints" | "defaultLang">): Lang {
  const own = words.filter((w) => !findName(w, ctx.teams) && !findName(w, ctx.touchpoints));
  return detectLang(own.join(" "), ctx.defaultLang);
}

export function parseNpsCommand(input: string, ctx: CommandContext): NpsCommand {
  const text = input.trim().replace(/^\/?nps\b/i, "").trim();
  let words = text.split(/\s+/).filter(Boolean);
  const lang = replyLang(words, ctx);
  if (words.length === 1 && HELP_WORDS.has(words[0]!.toLowerCase())) return { kind: "help", lang };

  const verb = words[0]?.toLowerCase();
  if (verb === "connect" || verb === "forbind" || verb === "disconnect" || verb === "afbryd") {
    const kind = verb === "connect" || verb === "forbind" ? "connect" : "disconnect";
    const [team, ...rest] = words.slice(1);
    if (!team) return { kind: "invalid", lang, error: { da: `Skriv hvilket team, fx /nps ${verb} support alarmer`, en: `Name the team, e.g. /nps ${verb} support alerts` } };
    const purposes: ChannelPurpose[] = [];
    for (const word of rest) {
      const purpose = PURPOSE_WORDS[word.toLowerCase()];
      if (!purpose)
        return { kind: "invalid", lang, error: { da: `"${word}" er ikke opsummering, historier eller alarmer`, en: `"${word}" is not digest, stories or alerts` } };
      if (!purposes.includes(purpose)) purposes.push(purpose);
    }
    return { kind, lang, team, purposes };
  }

  if (verb === "cases" || verb === "sager") {
    const rest = words.slice(1).map((w) => w.toLowerCase());
    const openOnly = rest.some((w) => w === "open" || w === "åbne" || w === "aabne");
    const team = rest.find((w) => w !== "open" && w !== "åbne" && w !== "aabne") ?? null;
    return { kind: "cases", lang, team, openOnly };
  }
  if (verb === "goal" || verb === "mål" || verb === "maal") return { kind: "goal", lang, words: words.slice(1) };
  if (verb && THEME_WORDS[verb]) return parseThemes(words.slice(1), THEME_WORDS[verb], ctx);
  if (verb === "kudos") return parseKudos(words.slice(1), lang, ctx);
  if (verb && REPORT_WORDS[verb]) {
    const reportLang = REPORT_WORDS[verb];
    const parsed = reportPeriod(words.slice(1), ctx.now, ctx.timeZone);
    return parsed.ok ? { kind: "report", lang: reportLang, period: parsed.period } : { kind: "invalid", lang: reportLang, error: parsed.error };
  }

  const share = words.length > 0 && SHARE_WORDS.has(words[words.length - 1]!.toLowerCase());
  if (share) words = words.slice(0, -1);

  // Team and touchpoint names are taken from the end, so a team called "q3" cannot eat a period.
  let team: string | null = null;
  let touchpoint: string | null = null;
  while (words.length > 0) {
    const last = words[words.length - 1]!;
    const asTeam: string | null = team === null ? findName(last, ctx.teams) : null;
    const asTouchpoint: string | null = touchpoint === null && !asTeam ? findName(last, ctx.touchpoints) : null;
    if (!asTeam && !asTouchpoint) break;
    if (asTeam) team = asTeam;
    else touchpoint = asTouchpoint;
    words = words.slice(0, -1);
  }

  if (words.length === 0) {
    const period = parsePeriod("", ctx.now, ctx.timeZone);
    if (!period.ok) return { kind: "invalid", lang, error: period.error };
    return { kind: "query", lang, period: period.period, team, touchpoint, share };
  }
  const prefix = matchPeriodPrefix(words, ctx.now, ctx.timeZone);
  if (prefix && prefix.used === words.length) return { kind: "query", lang, period: prefix.period, team, touchpoint, share };
  if (prefix) {
    const rest = words.slice(prefix.used).join(" ");
    return { kind: "invalid", lang, error: unknownScope(rest, ctx) };
  }
  const parsed = parsePeriod(words.join(" "), ctx.now, ctx.timeZone);
  return { kind: "invalid", lang, error: parsed.ok ? unknownScope(words.join(" "), ctx) : parsed.error };
}

/** "/nps temaer [periode] [team]": the team, if any, is the last word. */
function parseThemes(words: string[], lang: Lang, ctx: CommandContext): NpsCommand {
  const team = words.length > 0 ? findName(words[words.length - 1]!, ctx.teams) : null;
  const rest = team ? words.slice(0, -1) : words;
  const parsed = parsePeriod(rest.join(" "), ctx.now, ctx.timeZone);
  if (parsed.ok) return { kind: "themes", lang, period: parsed.period, team };
  const prefix = matchPeriodPrefix(rest, ctx.now, ctx.timeZone);
  return { kind: "invalid", lang, error: prefix ? unknownScope(rest.slice(prefix.used).join(" "), ctx) : parsed.error };
}

/** "/nps kudos [periode] [team]" (default: this month), or "/nps kudos fra|til|off|on". "kudos" is
 * the same word in both languages: the reply's language comes from the other words. */
function parseKudos(words: string[], lang: Lang, ctx: CommandContext): NpsCommand {
  const toggle = words.length === 1 ? KUDOS_SWITCH[words[0]!.toLowerCase()] : undefined;
  if (toggle) return { kind: "kudosOptOut", lang: toggle.lang, optOut: toggle.optOut };
  const team = words.length > 0 ? findName(words[words.length - 1]!, ctx.teams) : null;
  const rest = team ? words.slice(0, -1) : words;
  const parsed = parsePeriod(rest.join(" "), ctx.now, ctx.timeZone); // nothing: this month
  if (parsed.ok) return { kind: "kudos", lang, period: parsed.period, team };
  const prefix = matchPeriodPrefix(rest, ctx.now, ctx.timeZone);
  return { kind: "invalid", lang, error: prefix ? unknownScope(rest.slice(prefix.used).join(" "), ctx) : parsed.error };
}

/** What was not understood, the names there are, and an example built from those names. */
function unknownScope(rest: string, ctx: CommandContext): Texts {
  const teams = ctx.teams.length > 0 ? ctx.teams.join(", ") : "–";
  const touchpoints = ctx.touchpoints.length > 0 ? ctx.touchpoints.join(", ") : "–";
  const scope = [ctx.teams[0], ctx.touchpoints[0]].filter(Boolean).join(" ");
  return {
    da: `Jeg kender ikke "${rest}" som team eller kontaktpunkt. Teams: ${teams}. Kontaktpunkter: ${touchpoints}.${scope ? ` Prøv fx: /nps denne måned ${scope}` : ""}`,
    en: `"${rest}" is not a team or touchpoint I know. Teams: ${teams}. Touchpoints: ${touchpoints}.${scope ? ` Try for example: /nps this month ${scope}` : ""}`,
  };
}
