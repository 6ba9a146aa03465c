import type { Lang } from "../core/language.ts";
// The words both chat faces say when something failed before a service could answer, and under a
// form field that is not filled in right — in both languages, written once here for both faces.

/** What is wrong with one field of a submitted form (src/messages/form-reading.ts). */
export type FieldProblem = { kind: "required" } | { kind: "choose" } | { kind: "tooLong"; max: number };

type Said = Record<Lang, string>;

const APOLOGY: Said = { da: "Beklager, det gik galt hos mig. Prøv igen om lidt.", en: "Sorry, something went wrong on my side. Please try again in a moment." };
const REQUIRED: Said = { da: "Udfyld feltet.", en: "Please fill in this field." };
const CHOOSE: Said = { da: "Vælg en af mulighederne.", en: "Please choose one of the options." };

const tooLong = (max: number): Said => ({ da: `Højst ${max} tegn.`, en: `At most ${max} characters.` });

/** Something failed while answering: never leave the person in silence. */
export function apologyText(lang: Lang): string {
  return APOLOGY[lang];
}

/** The words under (or after the label of) a field with this problem. */
export function fieldProblemText(problem: FieldProblem, lang: Lang): string {
  switch (problem.kind) {
    case "required":
      return REQUIRED[lang];
    case "choose":
      return CHOOSE[lang];
    case "tooLong":
      return tooLong(problem.max)[lang];
  }
}

/** Every field's problem in words, by field id. */
export function fieldProblemTexts(problems: Readonly<Record<string, FieldProblem>>, lang: Lang): Record<string, string> {
  return Object.fromEntries(Object.entries(problems).map(([field, problem]) => [field, fieldProblemText(problem, lang)]));
}
