// The answer to "/nps temaer [periode] [team]": what detractors talk about and what happy customers
// praise, each theme with how many comments mention it and a redacted quote.
import { DETRACTOR_MAX, MAX_SCORE, MIN_SCORE, PROMOTER_MIN } from "../core/nps.ts";
import { THEME_DEFAULTS } from "../core/themes/defaults.ts";
import type { Theme, ThemeReport } from "../core/themes/index.ts";
import { formatNumber } from "./format.ts";
import type { Block, Message } from "./model.ts";
import type { Lang } from "../core/language.ts";

const DETRACTORS = `${MIN_SCORE}–${DETRACTOR_MAX}`;
const PROMOTERS = `${PROMOTER_MIN}–${MAX_SCORE}`;

const t = {
  da: {
    title: (scope: string, label: string) => `Temaer ${scope}${label}`,
    detractors: "Hvad kritikerne taler om",
    promoters: "Hvad de glade kunder roser",
    mentions: (n: string, of: string) => `${n} af ${of} kommentarer`,
    nothing: "Intet tema skiller sig tydeligt ud.",
    tooFew: (n: string, min: string) => `For få kommentarer (${n} af ${min})`,
    sides: (d: string, p: string, min: string) => `Kritikere: ${d} kommentarer, glade kunder: ${p}. Temaer kræver mindst ${min} på hver side.`,
    how: (d: string, p: string, z: string) =>
      `Ord og udtryk, som den ene gruppe bruger markant oftere end den anden (z ≥ ${z}), ud fra ${d} kommentarer fra kritikere (${DETRACTORS}) og ${p} fra glade kunder (${PROMOTERS}).`,
  },
  en: {
    title: (scope: string, label: string) => `Themes ${scope}${label}`,
    detractors: "What detractors talk about",
    promoters: "What happy customers praise",
    mentions: (n: string, of: string) => `${n} of ${of} comments`,
    nothing: "No theme clearly stands out.",
    tooFew: (n: string, min: string) => `Too few comments (${n} of ${min})`,
    sides: (d: string, p: string, min: string) => `Detractors: ${d} comments, happy customers: ${p}. Themes need at least ${min} on each side.`,
    how: (d: string, p: string, z: string) =>
      `Words and phrases one group uses markedly more often than the other (z ≥ ${z}), from ${d} detractor comments (${DETRACTORS}) and ${p} from happy customers (${PROMOTERS}).`,
  },
} as const;

function side(heading: string, themes: Theme[], comments: number, lang: Lang): Block[] {
  const tx = t[lang];
  const blocks: Block[] = [{ type: "text", text: heading, emphasis: "strong" }];
  if (themes.length === 0) return [...blocks, { type: "text", text: tx.nothing, emphasis: "muted" }];
  for (const theme of themes) {
    blocks.push({ type: "text", text: `${theme.label} · ${tx.mentions(formatNumber(theme.count, lang), formatNumber(comments, lang))}` });
    const quote = theme.quotes[0];
    if (quote) blocks.push({ type: "quote", text: quote });
  }
  return blocks;
}

export function buildThemes(report: ThemeReport, lang: Lang): Message {
  const tx = t[lang];
  const scope = report.team ? `${report.team.name} · ` : "";
  const title = tx.title(scope, report.period.label[lang]);
  const blocks: Block[] = [{ type: "header", text: title }];
  const { result } = report;
  const n = (value: number) => formatNumber(value, lang);
  if (result.kind === "tooFew") {
    const fewest = Math.min(result.detractorComments, result.promoterComments);
    const line = tx.tooFew(n(fewest), n(result.minimum));
    blocks.push({ type: "text", text: line }, { type: "context", text: tx.sides(n(result.detractorComments), n(result.promoterComments), n(result.minimum)) });
    return { kind: "themes", lang, summary: `${title}: ${line}`, blocks };
  }
  blocks.push(
    ...side(tx.detractors, result.detractors, result.detractorComments, lang),
    { type: "divider" },
    ...side(tx.promoters, result.promoters, result.promoterComments, lang),
    { type: "context", text: tx.how(n(result.detractorComments), n(result.promoterComments), formatNumber(THEME_DEFAULTS.minZ, lang, 2)) },
  );
  const top = (themes: Theme[]) => themes.slice(0, 3).map((x) => x.label).join(", ") || "–";
  return { kind: "themes", lang, summary: `${title}: ${tx.detractors.toLowerCase()}: ${top(result.detractors)}; ${tx.promoters.toLowerCase()}: ${top(result.promoters)}`, blocks };
}
