// kundepuls themes "<period>" [--team SLUG] [--json]
// kundepuls theme alias TERM CANONICAL | theme alias --remove TERM | theme aliases
import { z } from "zod";
import { detectLang } from "../../core/language.ts";
import { parsePeriod } from "../../core/periods.ts";
import type { Theme, ThemeReport } from "../../core/themes/index.ts";
import { buildThemes } from "../../messages/themes.ts";
import { renderConsole } from "../../faces/console/render.ts";
import { UnknownScopeError } from "../../services/nps-service.ts";
import { ThemeStore } from "../../store/themes.ts";
import type { App } from "../../app.ts";
import { parseCommandArgs, teamSlug, UsageError } from "../args.ts";

export const THEMES_USAGE = `usage: kundepuls themes "<period>" [--team SLUG] [--json]
  periods: "this month", "sidste måned", "last 30 days", "Q3 2026", "2026-10"`;
export const THEME_USAGE = `usage: kundepuls theme alias TERM CANONICAL   count TERM as CANONICAL, e.g. theme alias regning faktura
       kundepuls theme alias --remove TERM
       kundepuls theme aliases                  list the aliases`;

const themesSchema = z.object({
  positionals: z.array(z.string()).max(1, "give the period as one quoted argument"),
  team: teamSlug.optional(),
  json: z.boolean().default(false),
});

export async function themesCommand(argv: string[], app: App, out: (s: string) => void, now = new Date()): Promise<void> {
  const args = parseCommandArgs(argv, { team: { type: "string" }, json: { type: "boolean" } }, themesSchema, THEMES_USAGE);
  const text = args.positionals[0] ?? "";
  const lang = detectLang(text, app.config.DEFAULT_LANGUAGE);
  const parsed = parsePeriod(text, now, app.config.TIME_ZONE);
  if (!parsed.ok) throw new UsageError(`${parsed.error[lang]}\n${THEMES_USAGE}`);
  let report: ThemeReport;
  try {
    report = await app.themes.report({ period: parsed.period, team: args.team });
  } catch (error) {
    if (error instanceof UnknownScopeError) throw new UsageError(error.message);
    throw error;
  }
  out(args.json ? JSON.stringify(themesJson(report, lang)) + "\n" : renderConsole(buildThemes(report, lang)) + "\n");
}

/** The --json shape (docs/themes.md): the same keys whether or not there were enough comments. */
export function themesJson(report: ThemeReport, lang: "da" | "en") {
  const { result } = report;
  const theme = (t: Theme) => ({ label: t.label, key: t.key, count: t.count, otherCount: t.otherCount, z: t.z, quotes: t.quotes });
  return {
    period: { from: report.period.from.toISOString(), to: report.period.to.toISOString(), label: report.period.label[lang] },
    team: report.team?.slug ?? null,
    comments: report.comments,
    detractorComments: result.detractorComments,
    promoterComments: result.promoterComments,
    minimumComments: result.minimum,
    tooFew: result.kind === "tooFew",
    detractors: result.kind === "themes" ? result.detractors.map(theme) : [],
    promoters: result.kind === "themes" ? result.promoters.map(theme) : [],
  };
}

/** One word as customers write it: letters (Danish ones too), digits, inner hyphens. */
const word = z
  .string()
  .transform((s) => s.normalize("NFC").trim().toLowerCase())
  .pipe(z.string().regex(/^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*$/u, "must be one word, e.g. regning").max(50));

const themeSchema = z.object({ positionals: z.array(z.string()).min(1), remove: z.boolean().default(false) });

export async function themeCommand(argv: string[], app: App, out: (s: string) => void): Promise<void> {
  const args = parseCommandArgs(argv, { remove: { type: "boolean" } }, themeSchema, THEME_USAGE);
  const [action, ...rest] = args.positionals;
  const store = new ThemeStore(app.db.prisma);
  const parseWord = (text: string, what: string) => {
    const parsed = word.safeParse(text);
    if (!parsed.success) throw new UsageError(`${what} "${text}": ${parsed.error.issues[0]!.message}\n${THEME_USAGE}`);
    return parsed.data;
  };
  if (action === "aliases" && rest.length === 0 && !args.remove) {
    const aliases = await store.aliases();
    out(aliases.length > 0 ? aliases.map((a) => `${a.term} → ${a.canonical}`).join("\n") + "\n" : "no aliases yet (add one: kundepuls theme alias regning faktura)\n");
    return;
  }
  if (action !== "alias") throw new UsageError(THEME_USAGE);
  if (args.remove) {
    if (rest.length !== 1) throw new UsageError(`name the one term to remove\n${THEME_USAGE}`);
    const term = parseWord(rest[0]!, "term");
    out((await store.removeAlias(term)) ? `removed alias ${term}\n` : `no alias for ${term}; nothing removed\n`);
    return;
  }
  if (rest.length !== 2) throw new UsageError(`give the term and the word to count it as\n${THEME_USAGE}`);
  const term = parseWord(rest[0]!, "term");
  const canonical = parseWord(rest[1]!, "canonical word");
  if (term === canonical) throw new UsageError(`an alias needs two different words (got "${term}" twice)`);
  const before = await store.setAlias(term, canonical);
  out(`alias ${term} → ${canonical}${before && before !== canonical ? ` (was → ${before})` : ""}\n`);
}
