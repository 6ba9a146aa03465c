// The one way a person reads an NPS figure and a change, in every message (/nps answers,
// digests, goals, home, console): whole points, the margin written out, a small sample said first.
import type { Comparison, NpsFigures } from "../core/nps.ts";
import { countOf } from "../core/plural.ts";
import { formatNpsValue } from "./format.ts";
import type { Fact } from "./model.ts";
import type { Lang } from "../core/language.ts";

/** Whole points, half away from zero, never -0. */
const wholePoints = (value: number) => {
  const r = Math.round(Math.abs(value)) * Math.sign(value);
  return r === 0 ? 0 : r;
};

/** "+5 point", "−3 point", "0 point" / "+5 points": a change in whole points (a true minus sign). */
export function formatChange(delta: number, lang: Lang): string {
  const r = wholePoints(delta);
  const sign = r > 0 ? "+" : r < 0 ? "\u2212" : "";
  return `${sign}${countOf(Math.abs(r), "point", lang)}`;
}

/**
 * An NPS with its honesty: "+18, usikkerhed ±17 (77 svar)"; below `minResponses` the sample
 * leads and the figure follows, marked uncertain: "For få svar (3 af 30): +100, meget usikkert".
 * No margin is shown on too few answers (it would read ±0 on three promoters).
 */
export function formatFigure(f: Pick<NpsFigures, "nps" | "marginOfError" | "responses">, minResponses: number, lang: Lang): string {
  const da = lang === "da";
  if (f.nps === null || f.responses === 0) return da ? "ingen svar" : "no answers";
  if (f.responses < minResponses) {
    return da
      ? `For få svar (${f.responses} af ${minResponses}): ${formatNpsValue(f.nps)}, meget usikkert`
      : `Too few answers (${f.responses} of ${minResponses}): ${formatNpsValue(f.nps)}, very uncertain`;
  }
  const margin = `${da ? "usikkerhed" : "margin"} ±${wholePoints(f.marginOfError ?? 0)}`;
  return `${formatNpsValue(f.nps)}, ${margin} (${countOf(f.responses, "answer", lang)})`;
}

/** A period label without its year when the other period is in the same year ("november 2026" → "november"). */
export function withoutSharedYear(label: string, other: string): string {
  const year = /\s(\d{4})$/.exec(label)?.[1];
  return year && new RegExp(`\\b${year}\\b`).test(other) ? label.slice(0, -5) : label;
}

export interface ChangeInput {
  /** what is compared with: "november", "de 30 dage før" */
  previousLabel: string;
  comparison: Comparison;
  /** either side below MIN_RESPONSES: the change cannot be judged */
  tooFew: boolean;
}

/**
 * The change against the previous period, as one fact so each face lays it out its own way:
 * "Ændring fra november (+34)" · "−3 point, inden for usikkerheden" — the previous value in
 * brackets, the change in whole points (read together: "Ændring fra november (+34): −3 point, …").
 */
export function changeFact(c: ChangeInput, lang: Lang): Fact {
  const da = lang === "da";
  const previous = c.comparison.nps;
  if (previous === null || c.comparison.delta === null) {
    return { label: da ? `Ændring fra ${c.previousLabel}` : `Change from ${c.previousLabel}`, value: da ? "ingen svar at sammenligne med" : "no answers to compare with" };
  }
  const label = da ? `Ændring fra ${c.previousLabel} (${formatNpsValue(previous)})` : `Change from ${c.previousLabel} (${formatNpsValue(previous)})`;
  const verdict = c.tooFew
    ? da ? "for få svar til at sige, om det er en reel ændring" : "too few answers to tell whether it is a real change"
    : c.comparison.significant
      ? da ? "større end usikkerheden" : "larger than the margin of error"
      : da ? "inden for usikkerheden" : "within the margin of error";
  return { label, value: `${formatChange(c.comparison.delta, lang)}, ${verdict}` };
}

/** The fact as one line of text: "Ændring fra november (+34): −3 point, inden for usikkerheden". */
export const factLine = (f: Fact) => `${f.label}: ${f.value}`;
