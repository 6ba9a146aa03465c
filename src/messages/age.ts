// "for 3 timer siden" / "3 hours ago" — how old an answer or a case is.
import type { Lang } from "../core/language.ts";

export function formatAge(then: Date, now: Date, lang: Lang): string {
  const minutes = Math.max(0, Math.round((now.getTime() - then.getTime()) / 60_000));
  const unit = (n: number, da: [string, string], en: [string, string]) =>
    lang === "da" ? `for ${n} ${n === 1 ? da[0] : da[1]} siden` : `${n} ${n === 1 ? en[0] : en[1]} ago`;
  if (minutes < 1) return lang === "da" ? "lige nu" : "just now";
  if (minutes < 60) return unit(minutes, ["minut", "minutter"], ["minute", "minutes"]);
  const hours = Math.round(minutes / 60);
  if (hours < 48) return unit(hours, ["time", "timer"], ["hour", "hours"]);
  return unit(Math.round(hours / 24), ["dag", "dage"], ["day", "days"]);
}
