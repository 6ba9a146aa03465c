// Number and date formatting per language (Danish: decimal comma, "28. nov. 2026").
import type { Lang } from "./model.ts";

export function formatNumber(value: number, lang: Lang, decimals = 0): string {
  return new Intl.NumberFormat(lang === "da" ? "da-DK" : "en-GB", {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(value);
}

/** NPS for people: "+33", "-12", "0"; "–" when there are no answers. */
export function formatNpsValue(value: number | null): string {
  if (value === null) return "–";
  const rounded = Math.round(value);
  if (rounded === 0) return "0";
  return rounded > 0 ? `+${rounded}` : `${rounded}`;
}

export function formatDelta(delta: number | null, lang: Lang): string {
  if (delta === null) return "–";
  const rounded = Math.round(delta * 10) / 10;
  const sign = rounded > 0 ? "+" : rounded < 0 ? "-" : "±";
  return `${sign}${formatNumber(Math.abs(rounded), lang, Number.isInteger(rounded) ? 0 : 1)}`;
}

export function formatPercent(part: number, whole: number, lang: Lang): string {
  if (whole === 0) return "–";
  return `${formatNumber((100 * part) / whole, lang)} %`;
}

export function formatDate(date: Date, lang: Lang, timeZone: string): string {
  return new Intl.DateTimeFormat(lang === "da" ? "da-DK" : "en-GB", { day: "numeric", month: "short", year: "numeric", timeZone }).format(date);
}
