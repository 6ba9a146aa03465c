// The help text: what you can ask and how, in both languages.
import type { Lang, Message } from "./model.ts";

const HELP = {
  da: {
    header: "Kundepuls – sådan spørger du",
    intro: "Skriv /nps efterfulgt af en periode og eventuelt et team og et kontaktpunkt.",
    examples: [
      "/nps – denne måned",
      "/nps i dag · i går · denne uge · sidste uge",
      "/nps denne måned · sidste måned · dette kvartal · sidste kvartal · i år",
      "/nps seneste 30 dage",
      "/nps 2026-10 · 3. kvartal 2026 · 2026 · 2026-10-01..2026-10-15",
      "/nps sidste kvartal support – kun ét team",
      "/nps denne måned support telefon – team og kontaktpunkt",
      "/nps denne måned del – vis svaret for hele kanalen",
      "/nps temaer sidste måned support – hvad kritikerne og de glade kunder skriver om",
    ],
    footer: "Svarene er kun synlige for dig, medmindre du skriver del.",
  },
  en: {
    header: "Kundepuls – how to ask",
    intro: "Type /nps followed by a period and, optionally, a team and a touchpoint.",
    examples: [
      "/nps – this month",
      "/nps today · yesterday · this week · last week",
      "/nps this month · last month · this quarter · last quarter · this year",
      "/nps last 30 days",
      "/nps 2026-10 · Q3 2026 · 2026 · 2026-10-01..2026-10-15",
      "/nps last quarter support – one team only",
      "/nps this month support phone – team and touchpoint",
      "/nps this month share – show the answer to the whole channel",
      "/nps themes last month support – what detractors and happy customers write about",
    ],
    footer: "Answers are visible only to you unless you add share.",
  },
} as const;

export function buildHelp(lang: Lang, problem?: string): Message {
  const h = HELP[lang];
  return {
    kind: "help",
    lang,
    summary: problem ?? h.header,
    blocks: [
      ...(problem ? [{ type: "text" as const, text: problem, emphasis: "strong" as const }] : []),
      { type: "header", text: h.header },
      { type: "text", text: h.intro },
      { type: "text", text: h.examples.map((e) => `• ${e}`).join("\n") },
      { type: "context", text: h.footer },
    ],
  };
}
