// The words both chat faces say when something failed before a service could answer, and under a
// form field that is not filled in right — in both languages, written once here for both faces.
// Slack and Teams word three of them slightly differently today (each face's tests pin its
// wording), so those keep one column per face side by side: choosing one wording is a one-line
// change here, never a change in a face.
import type { Lang } from "./model.ts";

export type ChatFace = "slack" | "teams";

/** What is wrong with one field of a submitted form (src/messages/form-reading.ts). */
export type FieldProblem = { kind: "required" } | { kind: "choose" } | { kind: "tooLong"; max: number };

type Said = Record<Lang, string>;
type PerFace = Record<ChatFace, Said>;

const APOLOGY: PerFace = {
  slack: { da: "Beklager, det gik galt hos mig. Prøv igen om lidt.", en: "Sorry, something went wrong on my side. Please try again in a moment." },
  teams: { da: "Beklager, det gik galt her hos mig. Prøv igen om lidt.", en: "Sorry, something went wrong on my side. Please try again in a moment." },
};

const REQUIRED: PerFace = {
  slack: { da: "Udfyld feltet.", en: "Please fill in this field." },
  teams: { da: "Skal udfyldes.", en: "Required." },
};

const CHOOSE: PerFace = {
  slack: { da: "Vælg en af mulighederne.", en: "Please choose one of the options." },
  teams: { da: "Vælg en af mulighederne.", en: "Choose one of the options." },
};

const tooLong = (max: number): Said => ({ da: `Højst ${max} tegn.`, en: `At most ${max} characters.` });

/** Something failed while answering: never leave the person in silence. */
export function apologyText(lang: Lang, face: ChatFace): string {
  return APOLOGY[face][lang];
}

/** The words under (or after the label of) a field with this problem. */
export function fieldProblemText(problem: FieldProblem, lang: Lang, face: ChatFace): string {
  switch (problem.kind) {
    case "required":
      return REQUIRED[face][lang];
    case "choose":
      return CHOOSE[face][lang];
    case "tooLong":
      return tooLong(problem.max)[lang];
  }
}

/** Every field's problem in words, by field id. */
export function fieldProblemTexts(problems: Readonly<Record<string, FieldProblem>>, lang: Lang, face: ChatFace): Record<string, string> {
  return Object.fromEntries(Object.entries(problems).map(([field, problem]) => [field, fieldProblemText(problem, lang, face)]));
}
