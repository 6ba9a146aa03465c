// The help: what you can ask and how, per platform and language. Slack has slash commands and
// private answers; Teams has messages to the bot (in a channel everyone sees the answer); the
// console has the case commands of local mode. Examples use the workspace's real team and
// touchpoint names, so every example works as written.
import type { Message } from "./model.ts";
import type { Lang } from "../core/language.ts";

export type HelpPlatform = "slack" | "teams" | "console";

/** The workspace's own names for the examples; null when it has none yet. */
export interface HelpNames {
  team: string | null;
  touchpoint: string | null;
}

const line = (command: string, what: string) => (what ? `${command} – ${what}` : command);

function examples(lang: Lang, p: HelpPlatform, n: HelpNames): string[] {
  // In Teams a message to the bot is the command: no slash, no "nps" needed.
  const nps = p === "teams" ? "" : "/nps ";
  const team = n.team ?? "support";
  const da = lang === "da";
  const out = da
    ? [
        line(`${nps}denne måned`, p === "teams" ? "" : "det samme som /nps alene"),
        `${nps}i dag · i går · denne uge · sidste uge`,
        `${nps}sidste måned · dette kvartal · sidste kvartal · i år`,
        `${nps}seneste 30 dage`,
        `${nps}2026-10 · 3. kvartal 2026 · 2026-10-01..2026-10-15`,
        line(`${nps}sidste kvartal ${team}`, "kun ét team"),
      ]
    : [
        line(`${nps}this month`, p === "teams" ? "" : "the same as /nps alone"),
        `${nps}today · yesterday · this week · last week`,
        `${nps}last month · this quarter · last quarter · this year`,
        `${nps}last 30 days`,
        `${nps}2026-10 · Q3 2026 · 2026-10-01..2026-10-15`,
        line(`${nps}last quarter ${team}`, "one team only"),
      ];
  if (n.touchpoint) out.push(line(`${nps}${da ? "denne måned" : "this month"} ${team} ${n.touchpoint}`, da ? "team og kontaktpunkt" : "team and touchpoint"));
  if (p === "slack") out.push(line(`${nps}${da ? "denne måned del" : "this month share"}`, da ? "vis svaret for hele kanalen" : "show the answer to the whole channel"));
  return out;
}

function commands(lang: Lang, p: HelpPlatform, n: HelpNames): string[] {
  const nps = p === "teams" ? "" : "/nps ";
  const team = n.team ?? "support";
  const da = lang === "da";
  const out = [
    line(`${nps}${da ? `sager ${team}` : `cases ${team}`}`, da ? "sager om utilfredse kunder (tilføj åbne for kun de åbne)" : "detractor cases (add open for open ones only)"),
    line(`${nps}${da ? `mål ${team}` : `goal ${team}`}`, da ? `se teamets mål; sæt et med ${nps}mål ${team} 45 2027-11-30` : `see the team's goal; set one with ${nps}goal ${team} 45 2027-11-30`),
  ];
  out.push(line(`${nps}${da ? `temaer sidste måned ${team}` : `themes last month ${team}`}`, da ? "hvad kritikerne og de glade kunder skriver om" : "what detractors and happy customers write about"));
  out.push(line(`${nps}kudos ${da ? "denne måned" : "this month"} ${team}`, da ? `hvem kunderne takkede ved navn; ${nps}kudos fra: nævn mig ikke (til: igen)` : `whom customers thanked by name; ${nps}kudos off: do not name me (on: again)`));
  out.push(line(`${nps}${da ? "rapport" : "report"}`, da ? `sidste måned for ledelsen: alle teams side om side (${nps}rapport kvartal for kvartalet)` : `last month for management: every team side by side (${nps}report quarter for the quarter)`));
  if (p !== "console") {
    out.push(line(`${nps}${da ? `forbind ${team} opsummering alarmer` : `connect ${team} digest alerts`}`, da ? "send teamets opsummering og alarmer hertil (afbryd stopper dem)" : "send the team's digest and alerts here (disconnect stops them)"));
  }
  if (p === "slack") out.push(line(da ? "/kundehistorie og din tekst" : "/kundehistorie and your text", da ? "del en kundehistorie" : "share a customer story"));
  if (p === "teams") {
    out.push(line(da ? "kundehistorie og din tekst" : "story and your text", da ? "del en kundehistorie (kundehistorie alene giver en formular)" : "share a customer story (story alone gives you a form)"));
    out.push(line(da ? "overblik" : "home", da ? "dine åbne sager og dit teams mål (i den personlige chat)" : "your open cases and your team's goal (in the personal chat)"));
  }
  if (p === "console") {
    out.push(line(da ? "tag 12" : "claim 12", da ? "tag sag nr. 12" : "take case number 12"));
    out.push(line(da ? "løs 12 vundet ringede og beklagede" : "resolve 12 recovered called and apologised", da ? "løs sagen: vundet, tabt eller ingen-kontakt, og hvad du gjorde" : "resolve it: recovered, lost or no-contact, and what you did"));
  }
  return out;
}

const TEXT = {
  da: {
    header: "Kundepuls – sådan spørger du",
    intro: {
      slack: "Skriv /nps efterfulgt af en periode og eventuelt et team og et kontaktpunkt.",
      teams: "Skriv til mig her i chatten – eller nævn @Kundepuls i en kanal – med en periode og eventuelt et team og et kontaktpunkt.",
      console: "Skriv /nps efterfulgt af en periode og eventuelt et team og et kontaktpunkt.",
    },
    more: "Mere:",
    footer: {
      slack: "Svarene er kun synlige for dig, medmindre du skriver del.",
      teams: "I en kanal ser alle i kanalen mit svar. Skriv til mig i en personlig chat, hvis svaret kun er til dig.",
      console: "Her i konsollen er du administrator: du kan tage og løse alle sager.",
    },
  },
  en: {
    header: "Kundepuls – how to ask",
    intro: {
      slack: "Type /nps followed by a period and, optionally, a team and a touchpoint.",
      teams: "Write to me here in the chat – or mention @Kundepuls in a channel – with a period and, optionally, a team and a touchpoint.",
      console: "Type /nps followed by a period and, optionally, a team and a touchpoint.",
    },
    more: "More:",
    footer: {
      slack: "Answers are visible only to you unless you add share.",
      teams: "In a channel everyone in it sees my answer. Write to me in a personal chat for an answer only you see.",
      console: "Here in the console you are an admin: you can claim and resolve every case.",
    },
  },
} as const;

export function buildHelp(lang: Lang, platform: HelpPlatform = "slack", names: HelpNames = { team: null, touchpoint: null }): Message {
  const t = TEXT[lang];
  return {
    kind: "help",
    lang,
    summary: t.header,
    blocks: [
      { type: "header", text: t.header },
      { type: "text", text: t.intro[platform] },
      { type: "text", text: examples(lang, platform, names).map((e) => `• ${e}`).join("\n") },
      { type: "text", text: [t.more, ...commands(lang, platform, names).map((c) => `• ${c}`)].join("\n") },
      { type: "context", text: t.footer[platform] },
    ],
  };
}

/** An answer that was not understood: the problem (with its own two or three examples), not the whole help. */
export function buildProblem(lang: Lang, problem: string): Message {
  return { kind: "problem", lang, summary: problem, blocks: [{ type: "text", text: problem }] };
}

/** Teams takes the command without the slash: "/nps forbind support" is written "nps forbind support". */
export function commandsFor(platform: HelpPlatform, text: string): string {
  return platform === "teams" ? text.replace(/\/nps\b/g, "nps") : text;
}
