// kundepuls themes "<period>" [--team SLUG] [--json]
// kundepuls theme alias TERM CANONICAL | theme alias --remove TERM | theme aliases
import { z } from "zod";
import { parsePeriod } from "../../core/periods.ts";
import type { Theme, ThemeReport } from "../../core/themes/index.ts";
import { buildThemes } from "../../messages/themes.ts";
import { renderConsole } from "../../faces/console/render.ts";
import { UnknownScopeError } from "../../services/nps-service.ts";
import type { App } from "../../app.ts";
import { parseCommandArgs, teamSlug, UsageError } from "../args.ts";
import { usageOf, type CliCommand, type CliIo } from "../command.ts";
import type { Lang } from "../../core/language.ts";

const themesSchema = (lang: Lang) =>
  z.object({
    positionals: z.array(z.string()).max(1, lang === "da" ? "skriv perioden som ét argument i anførselstegn" : "give the period as one quoted argument"),
    team: teamSlug(lang).optional(),
    json: z.boolean().default(false),
  });

export const themesCommand: CliCommand = {
  name: "themes",
  needs: "app",
  synopsis: { da: '"<periode>" [--team HOLD] [--json]', en: '"<period>" [--team SLUG] [--json]' },
  summary: { da: "hvad kritikerne taler om, og hvad de glade kunder roser", en: "what detractors talk about and what happy customers praise" },
  details: {
    da: '  perioder: "denne måned", "sidste måned", "seneste 30 dage", "3. kvartal 2026", "2026-10"',
    en: '  periods: "this month", "last month", "last 30 days", "Q3 2026", "2026-10"',
  },
  async run(argv: string[], app: App, { lang, out }: CliIo, now = new Date()) {
    const usage = usageOf(themesCommand, lang);
    const args = parseCommandArgs(argv, { team: { type: "string" }, json: { type: "boolean" } }, themesSchema(lang), usage, lang);
    const parsed = parsePeriod(args.positionals[0] ?? "", now, app.config.TIME_ZONE);
    if (!parsed.ok) throw new UsageError(`${parsed.error[lang]}\n${usage}`);
    let report: ThemeReport;
    try {
      report = await app.themes.report({ period: parsed.period, team: args.team });
    } catch (error) {
      if (error instanceof UnknownScopeError) throw new UsageError(error.texts[lang]);
      throw error;
    }
    out(args.json ? JSON.stringify(themesJson(report, lang)) + "\n" : renderConsole(buildThemes(report, lang)) + "\n");
  },
};

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
  .pipe(z.string().regex(/^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*$/u).max(50));

const themeSchema = z.object({ positionals: z.array(z.string()).min(1), remove: z.boolean().default(false) });

export const themeCommand: CliCommand = {
  name: "theme",
  needs: "app",
  synopsis: { da: "alias ORD KANONISK\nalias --remove ORD\naliases", en: "alias TERM CANONICAL\nalias --remove TERM\naliases" },
  summary: { da: "virksomhedens egne synonymer i temaerne, fx theme alias regning faktura", en: "company synonyms for themes, e.g. theme alias regning faktura" },
  async run(argv: string[], app: App, { lang, out }: CliIo) {
    const da = lang === "da";
    const usage = usageOf(themeCommand, lang);
    const args = parseCommandArgs(argv, { remove: { type: "boolean" } }, themeSchema, usage, lang);
    const [action, ...rest] = args.positionals;
    const store = app.repos.themes;
    const parseWord = (text: string) => {
      const parsed = word.safeParse(text);
      if (!parsed.success) throw new UsageError(`"${text}": ${da ? "skal være ét ord, fx regning" : "must be one word, e.g. regning"}\n${usage}`);
      return parsed.data;
    };
    if (action === "aliases" && rest.length === 0 && !args.remove) {
      const aliases = await store.aliases();
      const none = da ? "ingen synonymer endnu (tilføj et: kundepuls theme alias regning faktura)" : "no aliases yet (add one: kundepuls theme alias regning faktura)";
      out(aliases.length > 0 ? aliases.map((a) => `${a.term} → ${a.canonical}`).join("\n") + "\n" : none + "\n");
      return;
    }
    if (action !== "alias") throw new UsageError(usage);
    if (args.remove) {
      if (rest.length !== 1) throw new UsageError(`${da ? "nævn det ene ord, der skal fjernes" : "name the one term to remove"}\n${usage}`);
      const term = parseWord(rest[0]!);
      const removed = await store.removeAlias(term);
      out(removed ? (da ? `synonymet ${term} er fjernet\n` : `removed alias ${term}\n`) : da ? `${term} har intet synonym; intet fjernet\n` : `no alias for ${term}; nothing removed\n`);
      return;
    }
    if (rest.length !== 2) throw new UsageError(`${da ? "angiv ordet og det ord, det skal tælle som" : "give the term and the word to count it as"}\n${usage}`);
    const term = parseWord(rest[0]!);
    const canonical = parseWord(rest[1]!);
    if (term === canonical) throw new UsageError(da ? `et synonym kræver to forskellige ord (fik "${term}" to gange)` : `an alias needs two different words (got "${term}" twice)`);
    const before = await store.setAlias(term, canonical);
    const was = before && before !== canonical ? (da ? ` (var → ${before})` : ` (was → ${before})`) : "";
    out(`${da ? "synonym" : "alias"} ${term} → ${canonical}${was}\n`);
  },
};
