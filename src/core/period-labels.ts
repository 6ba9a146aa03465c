// What a person reads about a period that is still running: "december 2026 (1.–7.)",
// "uge 49 2026 (til og med 3. dec.)" — so a figure for a week-old month is not read as the month.
import { DA_SHORT, EN_SHORT, type Period } from "./periods.ts";
import type { Texts } from "./language.ts";
import { zonedParts } from "./timezone.ts";

/** Has begun and not yet ended at `now`. */
export function isRunning(p: Pick<Period, "from" | "to">, now: Date): boolean {
  return p.from.getTime() <= now.getTime() && now.getTime() < p.to.getTime();
}

/**
 * The period's label, marked as partial while it runs: a month says which of its days are in
 * ("december 2026 (1.–7.)" / "December 2026 (1–7)"), a week, quarter or year says up to which
 * day. Days, ranges and single days already name exactly what they cover and stay as they are.
 */
export function labelSoFar(p: Period, now: Date, timeZone: string): Texts {
  if (!isRunning(p, now) || p.kind === "day" || p.kind === "days" || p.kind === "range") return p.label;
  const today = zonedParts(now, timeZone);
  if (p.kind === "month") {
    const days = today.day === 1 ? { da: "1.", en: "1" } : { da: `1.–${today.day}.`, en: `1–${today.day}` };
    return { da: `${p.label.da} (${days.da})`, en: `${p.label.en} (${days.en})` };
  }
  return {
    da: `${p.label.da} (til og med ${today.day}. ${DA_SHORT[today.month - 1]})`,
    en: `${p.label.en} (to ${today.day} ${EN_SHORT[today.month - 1]})`,
  };
}

/** A chart label as read: "dec" / "Dec", and "dec (til nu)" / "Dec (so far)" for the running bucket. */
export function chartLabel(bucket: { short: Texts; partial: boolean }, lang: "da" | "en"): string {
  if (!bucket.partial) return bucket.short[lang];
  return lang === "da" ? `${bucket.short.da} (til nu)` : `${bucket.short.en} (so far)`;
}
