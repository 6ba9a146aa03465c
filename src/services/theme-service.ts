// Themes of a period, per team or company-wide: reads the period's comments, redacts them (themes
// and their quotes never carry a customer's name, e-mail or phone number) and finds the themes.
// One code path for /nps temaer in Slack, Teams, the console and `kundepuls themes`.
import type { Period } from "../core/periods.ts";
import type { Lang } from "../core/language.ts";
export type { ThemeReport } from "../core/themes/index.ts";
import { redact } from "../core/redaction.ts";
import type { ThemeOptions, ThemeReport } from "../core/themes/index.ts";
import type { Directory } from "../store/directory.ts";
import type { ThemeStore } from "../store/themes.ts";
import { knownTeam } from "./nps-service.ts";

export interface ThemeSettings {
  defaultLang: Lang;
  /** tuning of the method (tests, later the weekly view); the defaults suit a team's month */
  method?: Omit<ThemeOptions, "defaultLang" | "aliases" | "knownNames">;
}

const asLang = (language: string | null): Lang | null => {
  const code = language?.trim().toLowerCase().slice(0, 2);
  return code === "da" || code === "en" ? code : null;
};

export class ThemeService {
  constructor(
    private readonly store: ThemeStore,
    private readonly directory: Directory,
    readonly settings: ThemeSettings,
  ) {}

  async report(query: { period: Period; team?: string | null }): Promise<ThemeReport> {
    let team: ThemeReport["team"] = null;
    let teamId: number | undefined;
    if (query.team) {
      const found = await knownTeam(this.directory, query.team);
      team = { slug: found.slug, name: found.name };
      teamId = found.id;
    }
    const [rows, knownNames, aliases] = await Promise.all([
      this.store.periodComments({ from: query.period.from, to: query.period.to, teamId }),
      this.store.knownNames(),
      this.store.aliases(),
    ]);
    const comments = rows.map((r) => {
      const language = asLang(r.language);
      const text = redact(r.comment, { customerName: r.customerName, lang: language ?? this.settings.defaultLang }).text;
      return { score: r.score, text, language, customerName: r.customerName };
    });
    // The stemmers and stop lists cost ~25 MB: loaded on the first question about themes, not at start.
    const { findThemes } = await import("../core/themes/index.ts");
    const result = findThemes(comments, {
      ...this.settings.method,
      defaultLang: this.settings.defaultLang,
      knownNames,
      aliases: Object.fromEntries(aliases.map((a) => [a.term, a.canonical])),
    });
    return { period: query.period, team, comments: comments.length, result };
  }
}
