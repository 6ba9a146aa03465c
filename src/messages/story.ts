// A customer story for #kundehistorier: the customer's (redacted) words, celebrated.
import { thanksLine, type Thanks } from "./kudos.ts";
import type { Message } from "./model.ts";
import type { Lang } from "../core/language.ts";

export interface StoryView {
  id: number;
  kind: "promoter" | "employee";
  /** already redacted */
  text: string;
  score: number | null;
  team: { slug: string; name: string } | null;
  touchpoint: string | null;
  /** shown only when the customer consented (or the employee named someone) */
  attribution: string | null;
  submittedBy: string | null;
  /** the colleagues the customer named (kudos), mentioned under the quote */
  thanked?: Thanks | null;
}

const T = {
  da: {
    header: "🎉 En glad kunde",
    headerEmployee: "🌟 En kundehistorie fra kollegerne",
    intro: (team: string | null, score: number | null) =>
      `${team ? `${team} fik` : "Vi fik"} ${score !== null ? `${score}/10 ` : ""}– tak for indsatsen!`,
    anonymous: "en kunde",
    touchpoint: "Kontaktpunkt",
    shared: (who: string) => `Delt af ${who}`,
  },
  en: {
    header: "🎉 A happy customer",
    headerEmployee: "🌟 A customer story from colleagues",
    intro: (team: string | null, score: number | null) =>
      `${team ? `${team} got` : "We got"} ${score !== null ? `${score}/10 ` : ""}– thank you for the great work!`,
    anonymous: "a customer",
    touchpoint: "Touchpoint",
    shared: (who: string) => `Shared by ${who}`,
  },
} as const;

export function buildStory(s: StoryView, lang: Lang): Message {
  const t = T[lang];
  const context = [s.touchpoint ? `${t.touchpoint}: ${s.touchpoint}` : null, s.submittedBy ? t.shared(s.submittedBy) : null].filter(Boolean).join(" · ");
  return {
    kind: "story",
    lang,
    summary: `${s.kind === "employee" ? t.headerEmployee : t.header}: ${s.text.slice(0, 120)}`,
    blocks: [
      { type: "header", text: s.kind === "employee" ? t.headerEmployee : t.header },
      { type: "text", text: t.intro(s.team?.name ?? null, s.score) },
      { type: "quote", text: s.text, attribution: s.attribution ?? t.anonymous },
      ...(s.thanked ? [thanksLine(s.thanked, lang)].filter((b) => b !== null) : []),
      ...(context ? [{ type: "context" as const, text: context }] : []),
    ],
  };
}
