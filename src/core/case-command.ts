// The console's case commands (local mode shows the whole loop): "tag 12" / "claim 12" and
// "løs 12 vundet ringede og beklagede" / "resolve 12 recovered called and apologised".
// Not a case command → null, so the line can be read as something else.
import { parseCaseId } from "./case-id.ts";
import type { Outcome } from "./cases.ts";
import type { Lang, Texts } from "./periods.ts";

export type ChosenOutcome = Exclude<Outcome, "score_changed">;

export type CaseCommand =
  | { kind: "claim"; lang: Lang; caseId: number }
  | { kind: "resolve"; lang: Lang; caseId: number; outcome: ChosenOutcome; actionTaken: string }
  | { kind: "invalid"; lang: Lang; error: Texts };

const VERBS: Record<string, { kind: "claim" | "resolve"; lang: Lang }> = {
  tag: { kind: "claim", lang: "da" },
  claim: { kind: "claim", lang: "en" },
  løs: { kind: "resolve", lang: "da" },
  loes: { kind: "resolve", lang: "da" },
  resolve: { kind: "resolve", lang: "en" },
};

const OUTCOME_WORDS: Record<string, ChosenOutcome> = {
  vundet: "recovered", recovered: "recovered", won: "recovered",
  tabt: "not_recovered", lost: "not_recovered", "ikke-vundet": "not_recovered", "not-recovered": "not_recovered",
  "ingen-kontakt": "no_contact", "no-contact": "no_contact",
};

const USAGE: Texts = {
  da: "Skriv fx: tag 12 · løs 12 vundet ringede og beklagede · løs 12 ingen-kontakt tre opkald uden svar",
  en: "Type for example: claim 12 · resolve 12 recovered called and apologised · resolve 12 no-contact three calls, no answer",
};

const invalid = (lang: Lang, da: string, en: string): CaseCommand => ({ kind: "invalid", lang, error: { da: `${da} ${USAGE.da}`, en: `${en} ${USAGE.en}` } });

export function parseCaseCommand(line: string): CaseCommand | null {
  const words = line.normalize("NFC").trim().split(/\s+/);
  const verb = VERBS[(words[0] ?? "").toLowerCase()];
  if (!verb) return null;
  const { lang } = verb;
  const id = words[1] ?? "";
  const caseId = parseCaseId(id.replace(/^#/, ""));
  if (caseId === null) return invalid(lang, `"${id || "…"}" er ikke et sagsnummer.`, `"${id || "…"}" is not a case number.`);
  if (verb.kind === "claim") return words.length === 2 ? { kind: "claim", lang, caseId } : invalid(lang, "Efter sagsnummeret skal der ikke stå mere.", "Nothing goes after the case number.");
  // "ingen kontakt" / "no contact" may be typed as two words
  const joined = words.slice(2);
  if (/^(ingen|no)$/i.test(joined[0] ?? "") && /^(kontakt|contact)$/i.test(joined[1] ?? "")) joined.splice(0, 2, `${joined[0]}-${joined[1]}`);
  const outcome = OUTCOME_WORDS[(joined[0] ?? "").toLowerCase()];
  if (!outcome) return invalid(lang, `Skriv udfaldet: vundet, tabt eller ingen-kontakt.`, `Say the outcome: recovered, lost or no-contact.`);
  const actionTaken = joined.slice(1).join(" ").trim();
  if (actionTaken === "") return invalid(lang, "Skriv også, hvad du gjorde.", "Say what you did, too.");
  return { kind: "resolve", lang, caseId, outcome, actionTaken };
}
